package dev.limitless.iam;

import dev.limitless.iam.IamTokenRefresh.Outcome;
import dev.limitless.iam.IamTokenRefresh.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Mints RDS IAM authentication tokens with the AWS SDK's {@link software.amazon.awssdk.services.rds.RdsUtilities} and hands out cached ones, keyed by
 * {@link IamEndpoint} (region, host, port, user).
 *
 * <p>A token lives {@link #TOKEN_LIFETIME 15 minutes}. Until {@code refreshAhead} before that it is returned from
 * the cache (one map lookup and one read of the monotonic clock). In the refresh-ahead window the first caller mints
 * a new one on its own thread while every other caller keeps getting the still-valid token, so connection attempts
 * never queue behind a mint. Only when no token is usable (first use, or less than {@link #EXPIRY_MARGIN} left) do callers wait, and
 * then for a single mint per endpoint however many threads ask. No {@code synchronized}: waiting is on a
 * {@link CompletableFuture}, which suits virtual threads.
 *
 * <p>Deadlines run on a monotonic clock ({@link System#nanoTime()}), so a wall-clock step cannot keep an old token in
 * service; the wall clock only dates signatures. Every token minted for an endpoint is signed at a later second than
 * the one before it (up to {@link #MAX_SIGNING_AHEAD} ahead of the wall clock), so the token presented on a retry after
 * a rejection always carries a new signature, even within the same second.
 *
 * <p>One credentials provider is reused for every mint (it caches and refreshes credentials itself). Tokens never
 * appear in logs, {@code toString}, exception messages or {@link IamTokenListener} events.
 */
public final class IamTokenCache implements AutoCloseable {

    /** How long RDS accepts a token after it was signed. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    /** The default refresh-ahead: a token is replaced once it is 10 minutes old. */
    public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);
    /** A token with less than this left is not handed out (connect time and clock skew). */
    public static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    /**
     * How far ahead of the wall clock a signing time may be moved so that two mints within one second still differ;
     * far inside the clock skew AWS accepts.
     */
    public static final Duration MAX_SIGNING_AHEAD = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(IamTokenCache.class);

    private final ConcurrentMap<IamEndpoint, Entry> entries = new ConcurrentHashMap<>();
    private final TokenMinter minter;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long refreshAfterNanos;
    private final long unusableAfterNanos;
    private final Duration refreshAhead;
    private final IamTokenListener listener;
    private final SdkAutoCloseable ownedCredentials;

    private IamTokenCache(Builder builder, TokenMinter minter, SdkAutoCloseable ownedCredentials) {
        this.minter = minter;
        this.clock = builder.clock;
        this.nanoTime = builder.nanoTime;
        this.refreshAhead = builder.refreshAhead;
        this.refreshAfterNanos = TOKEN_LIFETIME.minus(builder.refreshAhead).toNanos();
        this.unusableAfterNanos = TOKEN_LIFETIME.minus(EXPIRY_MARGIN).toNanos();
        this.listener = builder.listener;
        this.ownedCredentials = ownedCredentials;
    }

    /** A cache with the default credentials chain, the system clock and the default refresh-ahead. */
    public static IamTokenCache create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A token for the endpoint: the cached one while it is fresh, else a new one (minted once however many threads
     * ask).
     *
     * @throws IamTokenException when no usable token exists and minting fails (e.g. no AWS credentials)
     */
    public String token(IamEndpoint endpoint) {
        Entry entry = entry(endpoint);
        Token token = entry.current;
        long now = nanoTime.getAsLong();
        if (token != null && now - token.refreshAt < 0) {
            return token.value;
        }
        return slowPath(entry, token, now);
    }

    /**
     * Called when the server rejected {@code rejectedToken} (SQLState 28000/28P01): returns a token minted after that
     * one, minting it unless another thread already did. Minted once however many threads report the same token. The
     * result is never {@code rejectedToken}.
     *
     * @throws IamTokenException when minting fails, or when no token with a new signature can be signed yet (tokens
     *     were rejected and replaced faster than one a second for longer than {@link #MAX_SIGNING_AHEAD})
     */
    public String refresh(IamEndpoint endpoint, String rejectedToken) {
        Entry entry = entry(endpoint);
        Token current = entry.current;
        if (current != null && !current.value.equals(rejectedToken) && nanoTime.getAsLong() - current.unusableAt < 0) {
            return current.value;
        }
        Token fresh = awaitFresh(entry, current, Reason.REJECTED);
        if (fresh.value.equals(rejectedToken)) {
            throw new IamTokenException(endpoint, "the server rejected the token, and tokens were replaced so often that"
                    + " none with a new signature can be signed this second; the connection is not retried with the"
                    + " same token");
        }
        return fresh.value;
    }

    /** Whether {@code candidate} is the token currently cached for the endpoint (no timing guarantees). */
    public boolean isCurrent(IamEndpoint endpoint, String candidate) {
        Entry entry = entries.get(endpoint);
        Token token = entry == null ? null : entry.current;
        return token != null && token.value.equals(candidate);
    }

    /** When the cached token for the endpoint was issued (wall clock); empty before the first mint. */
    public Optional<Instant> issuedAt(IamEndpoint endpoint) {
        Entry entry = entries.get(endpoint);
        Token token = entry == null ? null : entry.current;
        return token == null ? Optional.empty() : Optional.of(token.issuedAt);
    }

    /** How long ago the cached token was minted, on the monotonic clock (immune to wall-clock steps); empty before. */
    public Optional<Duration> age(IamEndpoint endpoint) {
        Entry entry = entries.get(endpoint);
        Token token = entry == null ? null : entry.current;
        return token == null ? Optional.empty() : Optional.of(Duration.ofNanos(nanoTime.getAsLong() - token.issuedNanos));
    }

    /** How long before expiry tokens are replaced. */
    public Duration refreshAhead() {
        return refreshAhead;
    }

    /** Closes the credentials provider if this cache created it (a provider passed in is the caller's to close). */
    @Override
    public void close() {
        if (ownedCredentials != null) {
            ownedCredentials.close();
        }
    }

    @Override
    public String toString() {
        return "IamTokenCache[endpoints=" + entries.keySet() + ", refreshAhead=" + refreshAhead + "]";
    }

    private Entry entry(IamEndpoint endpoint) {
        Entry entry = entries.get(endpoint);
        return entry != null ? entry : entries.computeIfAbsent(endpoint, Entry::new);
    }

    private String slowPath(Entry entry, Token token, long now) {
        if (token != null && now - token.unusableAt < 0) {
            CompletableFuture<Token> flight = new CompletableFuture<>();
            if (entry.flight.compareAndSet(null, flight)) {
                try {
                    return mint(entry, flight, Reason.REFRESH_AHEAD).value;
                } catch (IamTokenException e) {
                    return token.value; // still valid; the next caller in the window tries again
                }
            }
            return token.value;
        }
        return awaitFresh(entry, token, token == null ? Reason.FIRST_USE : Reason.EXPIRED).value;
    }

    /** A token newer than {@code stale}: joins the mint in flight or starts one. */
    private Token awaitFresh(Entry entry, Token stale, Reason reason) {
        while (true) {
            CompletableFuture<Token> inFlight = entry.flight.get();
            if (inFlight != null) {
                return join(inFlight);
            }
            CompletableFuture<Token> flight = new CompletableFuture<>();
            if (!entry.flight.compareAndSet(null, flight)) {
                continue;
            }
            Token current = entry.current;
            if (current != null && current != stale && nanoTime.getAsLong() - current.refreshAt < 0) {
                // another thread finished a mint between our read and winning the flight
                entry.flight.set(null);
                flight.complete(current);
                return current;
            }
            return mint(entry, flight, reason);
        }
    }

    private Token mint(Entry entry, CompletableFuture<Token> flight, Reason reason) {
        try {
            long issuedNanos = nanoTime.getAsLong();
            Instant issuedAt = clock.instant();
            Instant signedAt = signingTime(entry, issuedAt);
            String value = minter.mint(entry.endpoint, signedAt);
            Token token = new Token(value, issuedAt, signedAt, issuedNanos, issuedNanos + refreshAfterNanos,
                    issuedNanos + unusableAfterNanos);
            entry.current = token;
            log.debug("Minted an IAM token for {} ({})", entry.endpoint, reason.tagValue());
            tell(new IamTokenRefresh(entry.endpoint, reason, Outcome.SUCCESS, issuedAt));
            flight.complete(token);
            return token;
        } catch (RuntimeException e) {
            IamTokenException failure = new IamTokenException(entry.endpoint, e);
            log.warn("{} ({})", failure.getMessage(), reason.tagValue());
            tell(new IamTokenRefresh(entry.endpoint, reason, Outcome.FAILURE, clock.instant()));
            flight.completeExceptionally(failure);
            throw failure;
        } finally {
            entry.flight.compareAndSet(flight, null);
        }
    }

    /**
     * The wall-clock second, moved just past the previous token's signing second when that one is not older (two
     * mints within a second would otherwise sign the same {@code X-Amz-Date} and yield the same token); never more
     * than {@link #MAX_SIGNING_AHEAD} ahead. A previous signing time further ahead than that means the wall clock
     * stepped back: the current second is used.
     */
    private static Instant signingTime(Entry entry, Instant now) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        Token previous = entry.current;
        if (previous == null || second.isAfter(previous.signedAt)) {
            return second;
        }
        Instant next = previous.signedAt.plusSeconds(1);
        return next.isAfter(second.plus(MAX_SIGNING_AHEAD)) ? second : next;
    }

    private static Token join(CompletableFuture<Token> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IamTokenException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private void tell(IamTokenRefresh refresh) {
        try {
            listener.onRefresh(refresh);
        } catch (RuntimeException e) {
            log.warn("IamTokenListener {} failed on {}", listener.getClass().getName(), refresh, e);
        }
    }

    private static final class Entry {
        final IamEndpoint endpoint;
        final AtomicReference<CompletableFuture<Token>> flight = new AtomicReference<>();
        volatile Token current;

        Entry(IamEndpoint endpoint) {
            this.endpoint = endpoint;
        }
    }

    /**
     * A minted token with its deadlines precomputed on the monotonic clock (compare as {@code now - deadline < 0});
     * deliberately not a record, so nothing prints its value.
     */
    private static final class Token {
        final String value;
        final Instant issuedAt;
        final Instant signedAt;
        final long issuedNanos;
        final long refreshAt;
        final long unusableAt;

        Token(String value, Instant issuedAt, Instant signedAt, long issuedNanos, long refreshAt, long unusableAt) {
            this.value = value;
            this.issuedAt = issuedAt;
            this.signedAt = signedAt;
            this.issuedNanos = issuedNanos;
            this.refreshAt = refreshAt;
            this.unusableAt = unusableAt;
        }

        @Override
        public String toString() {
            return "Token[issuedAt=" + issuedAt + ", value=(redacted)]";
        }
    }

    /** Settings of an {@link IamTokenCache}; every one has a default. */
    public static final class Builder {

        private AwsCredentialsProvider credentialsProvider;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private Duration refreshAhead = DEFAULT_REFRESH_AHEAD;
        private IamTokenListener listener = IamTokenListener.NONE;
        private TokenMinter minter;

        private Builder() {
        }

        /** The credentials to sign with; default: the SDK's default chain, created once for this cache. */
        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = Objects.requireNonNull(credentialsProvider, "credentialsProvider");
            return this;
        }

        /** The wall clock that dates signatures and {@link #issuedAt}; default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The monotonic clock, in nanoseconds, that decides when tokens are refreshed and stop being handed out;
         * default {@link System#nanoTime()}. Tests pass a clock they move themselves.
         */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /**
         * How long before the 15-minute expiry a token is replaced, between 1 and 14 minutes; default 5 minutes.
         */
        public Builder refreshAhead(Duration refreshAhead) {
            Objects.requireNonNull(refreshAhead, "refreshAhead");
            if (refreshAhead.compareTo(Duration.ofMinutes(1)) < 0 || refreshAhead.compareTo(Duration.ofMinutes(14)) > 0) {
                throw new IamConfigurationException("IAM token refresh-ahead " + refreshAhead + " is outside 1 to 14"
                        + " minutes: tokens live 15 minutes, so refresh them at least a minute before expiry and not"
                        + " sooner than a minute after minting (default " + DEFAULT_REFRESH_AHEAD + ").");
            }
            this.refreshAhead = refreshAhead;
            return this;
        }

        /** Told about every mint (metrics); default: none. */
        public Builder listener(IamTokenListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Replaces the SDK presigner (tests). */
        Builder minter(TokenMinter minter) {
            this.minter = minter;
            return this;
        }

        public IamTokenCache build() {
            if (minter != null) {
                return new IamTokenCache(this, minter, null);
            }
            if (credentialsProvider != null) {
                return new IamTokenCache(this, TokenMinter.rds(credentialsProvider), null);
            }
            DefaultCredentialsProvider defaultChain = DefaultCredentialsProvider.builder().build();
            return new IamTokenCache(this, TokenMinter.rds(defaultChain), defaultChain);
        }
    }
}
