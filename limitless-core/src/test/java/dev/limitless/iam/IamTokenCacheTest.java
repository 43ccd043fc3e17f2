package dev.limitless.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.iam.IamTokenRefresh.Outcome;
import dev.limitless.iam.IamTokenRefresh.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

class IamTokenCacheTest {

    private static final IamEndpoint ENDPOINT = new IamEndpoint(Region.US_EAST_1,
            "app.shardgrp-c9akciq32abc.us-east-1.rds.amazonaws.com", 5432, "app");
    private static final IamEndpoint OTHER_USER = new IamEndpoint(Region.US_EAST_1, ENDPOINT.host(), 5432, "reporting");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T03:00:00Z"));
    private final AtomicInteger mints = new AtomicInteger();
    private final List<IamTokenRefresh> refreshes = new CopyOnWriteArrayList<>();

    /** Each mint returns a new, numbered token. */
    private final TokenMinter countingMinter = (endpoint, signedAt) -> endpoint.user() + "-token-" + mints.incrementAndGet();

    private IamTokenCache cache(TokenMinter minter) {
        return IamTokenCache.builder().clock(clock).nanoTime(clock::nanoTime).listener(refreshes::add).minter(minter).build();
    }

    @Test
    void returnsTheCachedTokenUntilTheRefreshAheadWindow() {
        IamTokenCache cache = cache(countingMinter);

        String first = cache.token(ENDPOINT);
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));

        assertThat(cache.token(ENDPOINT)).isEqualTo(first);
        assertThat(mints).hasValue(1);
        assertThat(refreshes).singleElement().satisfies(refresh -> {
            assertThat(refresh.reason()).isEqualTo(Reason.FIRST_USE);
            assertThat(refresh.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(refresh.at()).isEqualTo(Instant.parse("2026-11-23T03:00:00Z"));
        });
        assertThat(cache.issuedAt(ENDPOINT)).contains(Instant.parse("2026-11-23T03:00:00Z"));
    }

    @Test
    void keysTokensByUser() {
        IamTokenCache cache = cache(countingMinter);

        assertThat(cache.token(ENDPOINT)).isEqualTo("app-token-1");
        assertThat(cache.token(OTHER_USER)).isEqualTo("reporting-token-2");
        assertThat(cache.token(ENDPOINT)).isEqualTo("app-token-1");
    }

    @Test
    void refreshesOnceTheTokenIsTenMinutesOldByDefault() {
        IamTokenCache cache = cache(countingMinter);
        cache.token(ENDPOINT);

        clock.advance(Duration.ofMinutes(10));

        assertThat(cache.token(ENDPOINT)).isEqualTo("app-token-2");
        assertThat(cache.token(ENDPOINT)).isEqualTo("app-token-2");
        assertThat(refreshes).extracting(IamTokenRefresh::reason).containsExactly(Reason.FIRST_USE, Reason.REFRESH_AHEAD);
        assertThat(cache.issuedAt(ENDPOINT)).contains(Instant.parse("2026-11-23T03:10:00Z"));
    }

    @Test
    void refreshAheadIsConfigurable() {
        IamTokenCache cache = IamTokenCache.builder().clock(clock).nanoTime(clock::nanoTime).refreshAhead(Duration.ofMinutes(2))
                .minter(countingMinter).build();
        cache.token(ENDPOINT);

        clock.advance(Duration.ofMinutes(13).minusSeconds(1));
        assertThat(cache.token(ENDPOINT)).isEqualTo("app-token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.token(ENDPOINT)).isEqualTo("app-token-2");
    }

    @Test
    void refusesARefreshAheadThatLeavesNoRoom() {
        assertThatThrownBy(() -> IamTokenCache.builder().refreshAhead(Duration.ofSeconds(10)))
                .isInstanceOf(IamConfigurationException.class)
                .hasMessageContaining("outside 1 to 14 minutes");
        assertThatThrownBy(() -> IamTokenCache.builder().refreshAhead(Duration.ofMinutes(15)))
                .isInstanceOf(IamConfigurationException.class);
    }

    @Test
    void otherCallersKeepTheValidTokenWhileOneCallerRefreshes() throws Exception {
        CountDownLatch minting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        IamTokenCache cache = cache((endpoint, signedAt) -> {
            if (calls.incrementAndGet() == 2) {
                minting.countDown();
                await(release);
            }
            return "token-" + calls.get();
        });
        cache.token(ENDPOINT);
        clock.advance(Duration.ofMinutes(11));

        CompletableFuture<String> refresher = CompletableFuture.supplyAsync(() -> cache.token(ENDPOINT));
        assertThat(minting.await(10, TimeUnit.SECONDS)).isTrue();

        // the refresh is blocked inside the minter, yet this caller is answered at once from the cache
        assertThat(cache.token(ENDPOINT)).isEqualTo("token-1");
        release.countDown();
        assertThat(refresher.get(10, TimeUnit.SECONDS)).isEqualTo("token-2");
        assertThat(cache.token(ENDPOINT)).isEqualTo("token-2");
        assertThat(calls).hasValue(2);
    }

    @Test
    void mintsANewTokenOnceTheOldOneIsAboutToExpire() {
        IamTokenCache cache = cache(countingMinter);
        cache.token(ENDPOINT);

        clock.advance(IamTokenCache.TOKEN_LIFETIME.minus(IamTokenCache.EXPIRY_MARGIN));

        assertThat(cache.token(ENDPOINT)).isEqualTo("app-token-2");
        assertThat(refreshes).extracting(IamTokenRefresh::reason).containsExactly(Reason.FIRST_USE, Reason.EXPIRED);
    }

    @Test
    void keepsServingTheValidTokenWhenARefreshAheadFails() {
        AtomicInteger calls = new AtomicInteger();
        IamTokenCache cache = cache((endpoint, signedAt) -> {
            if (calls.incrementAndGet() == 2) {
                throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
            }
            return "token-" + calls.get();
        });
        cache.token(ENDPOINT);
        clock.advance(Duration.ofMinutes(11));

        assertThat(cache.token(ENDPOINT)).isEqualTo("token-1");
        assertThat(cache.token(ENDPOINT)).isEqualTo("token-3");
        assertThat(refreshes).extracting(IamTokenRefresh::outcome)
                .containsExactly(Outcome.SUCCESS, Outcome.FAILURE, Outcome.SUCCESS);
    }

    @Test
    void failsWithTheEndpointAndCauseWhenNoTokenCanBeMinted() {
        IamTokenCache cache = cache((endpoint, signedAt) -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        });

        assertThatThrownBy(() -> cache.token(ENDPOINT))
                .isInstanceOf(IamTokenException.class)
                .hasMessageContaining("app@" + ENDPOINT.host() + ":5432 (us-east-1)")
                .hasMessageContaining("Unable to load credentials")
                .hasMessageContaining("AWS_ACCESS_KEY_ID");
        assertThat(refreshes).singleElement().extracting(IamTokenRefresh::outcome).isEqualTo(Outcome.FAILURE);
    }

    @Test
    void thousandConcurrentRequestsMintExactlyOneToken() throws Exception {
        int callers = 1000;
        CountDownLatch allAsking = new CountDownLatch(callers);
        IamTokenCache cache = cache((endpoint, signedAt) -> {
            // hold the single mint until every caller has asked, so all of them really race for it
            await(allAsking);
            return "token-" + mints.incrementAndGet();
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<String> answers = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < callers; i++) {
            Thread thread = new Thread(() -> {
                try {
                    await(start);
                    allAsking.countDown();
                    answers.add(cache.token(ENDPOINT));
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(failure.get()).isNull();
        assertThat(mints).hasValue(1);
        assertThat(answers).hasSize(callers).containsOnly("token-1");
    }

    @Test
    void aRejectedTokenIsReplacedOnceHoweverManyCallersReportIt() {
        IamTokenCache cache = cache(countingMinter);
        String rejected = cache.token(ENDPOINT);

        String first = cache.refresh(ENDPOINT, rejected);
        String second = cache.refresh(ENDPOINT, rejected);

        assertThat(first).isEqualTo("app-token-2").isEqualTo(second);
        assertThat(cache.token(ENDPOINT)).isEqualTo("app-token-2");
        assertThat(refreshes).extracting(IamTokenRefresh::reason).containsExactly(Reason.FIRST_USE, Reason.REJECTED);
    }

    @Test
    void toStringNamesEndpointsButNoToken() {
        IamTokenCache cache = cache(countingMinter);
        String token = cache.token(ENDPOINT);

        assertThat(cache.toString()).contains(ENDPOINT.host()).doesNotContain(token);
        assertThat(refreshes.get(0).toString()).doesNotContain(token);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A token that shows the second it was signed at, like X-Amz-Date in a real one. */
    private final TokenMinter signingTimeMinter = (endpoint, signedAt) -> endpoint.user() + "@" + signedAt;

    @Test
    void aTokenRejectedWithinItsSecondIsReplacedByOneSignedAtALaterSecond() {
        IamTokenCache cache = cache(signingTimeMinter);
        String first = cache.token(ENDPOINT);

        String second = cache.refresh(ENDPOINT, first);
        String third = cache.refresh(ENDPOINT, second);

        assertThat(first).isEqualTo("app@2026-11-23T03:00:00Z");
        assertThat(second).isEqualTo("app@2026-11-23T03:00:01Z");
        assertThat(third).isEqualTo("app@2026-11-23T03:00:02Z");
        assertThat(cache.token(ENDPOINT)).isEqualTo(third);
    }

    @Test
    void signingTimesNeverRunMoreThanFiveSecondsAheadOfTheWallClock() {
        IamTokenCache cache = cache(signingTimeMinter);
        String token = cache.token(ENDPOINT);
        for (int i = 0; i < 5; i++) {
            token = cache.refresh(ENDPOINT, token);
        }
        assertThat(token).isEqualTo("app@2026-11-23T03:00:05Z");

        assertThat(cache.refresh(ENDPOINT, token)).isEqualTo("app@2026-11-23T03:00:00Z");
    }

    @Test
    void neverHandsBackTheRejectedTokenForARetry() {
        IamTokenCache cache = cache((endpoint, signedAt) -> "always-the-same");
        String first = cache.token(ENDPOINT);

        assertThatThrownBy(() -> cache.refresh(ENDPOINT, first))
                .isInstanceOf(IamTokenException.class)
                .hasMessageContaining("not retried with the same token")
                .hasMessageNotContaining("always-the-same");
    }

    @Test
    void aWallClockStepBackDoesNotKeepAnOldTokenInService() {
        IamTokenCache cache = cache(countingMinter);
        cache.token(ENDPOINT);

        clock.stepWallClock(Duration.ofHours(-1));
        clock.advance(Duration.ofMinutes(10));

        assertThat(cache.token(ENDPOINT)).isEqualTo("app-token-2");
        assertThat(refreshes).extracting(IamTokenRefresh::reason).containsExactly(Reason.FIRST_USE, Reason.REFRESH_AHEAD);
        assertThat(cache.age(ENDPOINT)).contains(Duration.ZERO);
    }

    @Test
    void aWallClockStepForwardDoesNotExpireAFreshToken() {
        IamTokenCache cache = cache(countingMinter);
        cache.token(ENDPOINT);

        clock.stepWallClock(Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(1));

        assertThat(cache.token(ENDPOINT)).isEqualTo("app-token-1");
        assertThat(cache.age(ENDPOINT)).contains(Duration.ofMinutes(1));
    }
}
