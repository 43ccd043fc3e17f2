package dev.limitless.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;

import dev.limitless.iam.IamEndpoint;
import dev.limitless.iam.IamTokenCache;
import dev.limitless.iam.IamTokenRefresh;
import dev.limitless.iam.IamTokenRefresh.Outcome;
import dev.limitless.iam.IamTokenRefresh.Reason;
import dev.limitless.pinning.internal.PinningClassifier;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

@LimitlessPostgres(shards = 4)
class MicrometerMetricsTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerMetrics metrics = MicrometerMetrics.of(registry);

    @BeforeAll
    static void accounts() throws SQLException {
        try (Connection connection = database.connect()) {
            MeasuredJdbc.createAccounts(connection);
        }
    }

    @Test
    void timesStatementsByRouteTableOperationAndOutcome() throws SQLException {
        StatementMeters lookup = metrics.statementMeters("SINGLE_SHARD", "public.accounts", StatementOperation.SELECT);
        StatementMeters broken = metrics.statementMeters("scatter", "public.accounts", StatementOperation.SELECT);
        try (Connection connection = database.connect()) {
            for (int i = 0; i < 3; i++) {
                MeasuredJdbc.execute(connection, lookup, "SELECT owner FROM accounts WHERE account_id = 1");
            }
            assertThatThrownBy(() -> MeasuredJdbc.execute(connection, broken, "SELECT no_such_column FROM accounts"))
                    .isInstanceOf(SQLException.class);
        }

        assertThat(statementTimer("single_shard", "success").count()).isEqualTo(3);
        assertThat(statementTimer("single_shard", "success").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        assertThat(statementTimer("scatter", "error").count()).isEqualTo(1);
        assertThat(statementTimer("scatter", "success").count()).isZero();
    }

    @Test
    void countsRefusalsWithRouteTableAndReasonAndTimesThemAsRefused() {
        StatementMeters scatter = metrics.statementMeters("scatter", "public.accounts", StatementOperation.UPDATE);

        MeasuredJdbc.refuse(scatter, "scatter");
        MeasuredJdbc.refuse(scatter, "scatter");

        assertThat(registry.get("limitless.guard.refusals")
                .tags("route", "scatter", "table", "public.accounts", "reason", "scatter").counter().count()).isEqualTo(2);
        assertThat(registry.get("limitless.statement")
                .tags("route", "scatter", "operation", "update", "outcome", "refused").timer().count()).isEqualTo(2);
    }

    @Test
    void countsPinningRisksOfRealExecutionsByReason() throws SQLException {
        PinningDetector detector = new PinningDetector(Policy.all(PinningReason.class, PolicyAction.ALLOW), metrics::pinningRisk);
        StatementMeters other = metrics.statementMeters("standard", null, StatementOperation.OTHER);
        try (Connection connection = database.connect()) {
            // qualified: the emulation, like Aurora, refuses advisory locks; this counts pinning behind a proxy
            for (String sql : new String[] {"SET statement_timeout = 0", "SELECT pg_catalog.pg_advisory_lock(7)",
                    "SELECT pg_advisory_unlock(7)", "SELECT 1"}) {
                detector.check(sql, PinningClassifier.classify(sql), !connection.getAutoCommit());
                MeasuredJdbc.execute(connection, other, sql);
            }
        }

        assertThat(registry.get("limitless.pinning.risks").tag("reason", "set").counter().count()).isEqualTo(1);
        assertThat(registry.get("limitless.pinning.risks").tag("reason", "advisory_lock").counter().count()).isEqualTo(1);
        assertThat(registry.get("limitless.pinning.risks").tag("reason", "sequence").counter().count()).isZero();
        assertThat(registry.get("limitless.statement").tags("route", "standard", "table", "none", "outcome", "success").timer().count()).isEqualTo(4);
    }

    @Test
    void everyPinningReasonHasACounterFromTheStartSoDashboardsShowZero() {
        assertThat(registry.get("limitless.pinning.risks").counters()).hasSize(PinningReason.values().length);
    }

    @Test
    void unknownRouteValuesBecomeUnknownSoTagsStayAFixedSet() {
        metrics.statementMeters("SELECT * FROM accounts", "public.accounts", StatementOperation.SELECT).start().success();

        assertThat(registry.get("limitless.statement").tags("route", "unknown", "outcome", "success").timer().count()).isEqualTo(1);
    }

    @Test
    void sameStatementTagsShareOneMetersHandle() {
        assertThat(metrics.statementMeters("scatter", "public.accounts", StatementOperation.SELECT))
                .isSameAs(metrics.statementMeters("SCATTER", "public.accounts", StatementOperation.SELECT));
    }

    @Test
    void publishesAPercentileHistogramUnlessTurnedOff() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetrics.of(prometheus)
                .statementMeters("single_shard", "public.accounts", StatementOperation.SELECT).start().success();
        PrometheusMeterRegistry plain = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetrics.builder(plain).percentileHistogram(false).build()
                .statementMeters("single_shard", "public.accounts", StatementOperation.SELECT).start().success();

        assertThat(prometheus.scrape()).contains("limitless_statement_seconds_bucket{")
                .contains("operation=\"select\"", "outcome=\"success\"", "route=\"single_shard\"",
                        "table=\"public.accounts\"");
        assertThat(plain.scrape()).contains("limitless_statement_seconds_count{")
                .doesNotContain("limitless_statement_seconds_bucket");
    }

    @Test
    void iamTokenMintsOfTheCacheAreCountedAndTheGaugeShowsTheNewestTokensAge() {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        SimpleMeterRegistry iamRegistry = new SimpleMeterRegistry();
        MicrometerMetrics iam = MicrometerMetrics.builder(iamRegistry).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        IamEndpoint proxy = new IamEndpoint(Region.US_EAST_1, "ledger.proxy-abc.us-east-1.rds.amazonaws.com", 5432, "app");

        assertThat(iamRegistry.get("limitless.iam.token.age").gauge().value()).isNaN();
        iam.onRefresh(new IamTokenRefresh(proxy, Reason.FIRST_USE, Outcome.SUCCESS, now.minusSeconds(600)));
        iam.onRefresh(new IamTokenRefresh(proxy, Reason.REFRESH_AHEAD, Outcome.SUCCESS, now.minusSeconds(90)));
        iam.onRefresh(new IamTokenRefresh(proxy, Reason.REJECTED, Outcome.SUCCESS, now.minusSeconds(300)));
        iam.onRefresh(new IamTokenRefresh(proxy, Reason.EXPIRED, Outcome.FAILURE, now));

        assertThat(iamRegistry.get("limitless.iam.token.age").gauge().value()).isEqualTo(90.0);
        assertThat(iamRegistry.get("limitless.iam.token.refreshes").tag("outcome", "success").counter().count()).isEqualTo(3);
        assertThat(iamRegistry.get("limitless.iam.token.refreshes").tag("outcome", "failure").counter().count()).isEqualTo(1);
    }

    @Test
    void listensToARealTokenCache() {
        SimpleMeterRegistry iamRegistry = new SimpleMeterRegistry();
        MicrometerMetrics iam = MicrometerMetrics.of(iamRegistry);
        IamEndpoint routers = new IamEndpoint(Region.US_EAST_1, "ledger.shardgrp-abc.us-east-1.rds.amazonaws.com", 5432, "app");
        try (IamTokenCache cache = IamTokenCache.builder().listener(iam).credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG"))).build()) {
            cache.token(routers);
            cache.token(routers);
        }

        assertThat(iamRegistry.get("limitless.iam.token.refreshes").tag("outcome", "success").counter().count()).isEqualTo(1);
        assertThat(iamRegistry.get("limitless.iam.token.age").gauge().value()).isBetween(0.0, 60.0);
    }

    @Test
    void meterNamesAndTagKeysAreExactlyTheDocumentedOnes() {
        MeasuredJdbc.refuse(metrics.statementMeters("scatter", "public.accounts", StatementOperation.DELETE), "scatter");

        assertThat(tagKeys("limitless.statement")).isEqualTo(Set.of("route", "table", "operation", "outcome"));
        assertThat(tagKeys("limitless.guard.refusals")).isEqualTo(Set.of("route", "table", "reason"));
        assertThat(tagKeys("limitless.pinning.risks")).isEqualTo(Set.of("reason"));
        assertThat(tagKeys("limitless.iam.token.refreshes")).isEqualTo(Set.of("outcome"));
        assertThat(tagKeys("limitless.iam.token.age")).isEmpty();
        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName()).allMatch(name -> Set.of(
                "limitless.statement", "limitless.guard.refusals", "limitless.pinning.risks",
                "limitless.iam.token.refreshes", "limitless.iam.token.age", "limitless.guard.timeouts",
                "limitless.active.key.sets", "limitless.active.key.suspended").contains(name));
        assertThat(tagKeys("limitless.guard.timeouts")).isEmpty();
        assertThat(tagKeys("limitless.active.key.sets")).isEqualTo(Set.of("scope"));
        assertThat(tagKeys("limitless.active.key.suspended")).isEmpty();
    }

    private Timer statementTimer(String route, String outcome) {
        return registry.get("limitless.statement").tags("route", route, "table", "public.accounts", "operation", "select",
                "outcome", outcome).timer();
    }

    private Set<String> tagKeys(String name) {
        return registry.get(name).meters().stream().map(Meter::getId).flatMap(id -> id.getTags().stream())
                .map(Tag::getKey).collect(Collectors.toSet());
    }
}
