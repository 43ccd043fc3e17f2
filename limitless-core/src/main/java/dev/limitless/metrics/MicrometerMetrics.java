package dev.limitless.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.limitless.iam.IamTokenRefresh;
import dev.limitless.pinning.PinningReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * {@link LimitlessMetrics} on Micrometer. Meters (names and tags are a contract):
 * <ul>
 *   <li>{@code limitless.statement} timer: route, table, operation, outcome; percentile histogram published by
 *       default;</li>
 *   <li>{@code limitless.guard.refusals} counter: route, table, reason;</li>
 *   <li>{@code limitless.pinning.risks} counter: reason;</li>
 *   <li>{@code limitless.iam.token.refreshes} counter: outcome (success, failure); {@code limitless.iam.token.age}
 *       gauge in seconds since the newest token was minted (NaN before the first);</li>
 *   <li>{@code limitless.guard.unwrapped} counter: call_site.</li>
 * </ul>
 * With an {@link ObservationRegistry}, each statement is an observation named {@code limitless.statement} with the
 * same tags (one span per statement under a tracing bridge) and the timer comes from the registry's meter handler
 * (as Spring Boot configures it) rather than being recorded twice.
 */
public final class MicrometerMetrics implements LimitlessMetrics {

    /** Timer (or observation) of statement executions. */
    public static final String STATEMENT = "limitless.statement";
    /** Counter of statements refused by the guard or the pinning policy. */
    public static final String GUARD_REFUSALS = "limitless.guard.refusals";
    /** Counter of executions that pin, by reason. */
    public static final String PINNING_RISKS = "limitless.pinning.risks";
    /** Counter of IAM token mints, by outcome. */
    public static final String IAM_TOKEN_REFRESHES = "limitless.iam.token.refreshes";
    /** Counter of unguarded pool or driver objects handed out by {@code unwrap}, by call site. */
    public static final String GUARD_UNWRAPPED = "limitless.guard.unwrapped";
    /** Counter of guard analyses whose parse ran out of its time budget. */
    public static final String GUARD_TIMEOUTS = "limitless.guard.timeouts";
    /** Counter of active-shard-key SET statements sent, by scope ({@code transaction} or {@code session}). */
    public static final String ACTIVE_KEY_SETS = "limitless.active.key.sets";
    /** Counter of statements run with the active shard key suspended by a nested scatter opt-in. */
    public static final String ACTIVE_KEY_SUSPENDED = "limitless.active.key.suspended";
    /** Gauge of the newest IAM token's age in seconds. */
    public static final String IAM_TOKEN_AGE = "limitless.iam.token.age";

    static final Set<String> ROUTES = Set.of("single_shard", "multi_shard", "scatter", "reference", "standard", "unknown");
    static final String NO_TABLE = "none";

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    private final StatementObservationConvention convention;
    private final boolean percentileHistogram;
    private final Clock clock;
    private final Map<PinningReason, Counter> pinningRisks = new EnumMap<>(PinningReason.class);
    private final Counter tokenRefreshed;
    private final Counter tokenFailed;
    private final AtomicReference<Instant> newestToken = new AtomicReference<>();
    private final ConcurrentMap<StatementKey, MicrometerStatementMeters> statements = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> unwrapped = new ConcurrentHashMap<>();
    private final Counter guardTimeouts;
    private final Counter activeKeyTransactionSets;
    private final Counter activeKeySessionSets;
    private final Counter activeKeySuspended;

    private MicrometerMetrics(Builder builder) {
        this.registry = builder.registry;
        this.observations = builder.observations;
        this.convention = builder.convention;
        this.percentileHistogram = builder.percentileHistogram;
        this.clock = builder.clock;
        for (PinningReason reason : PinningReason.values()) {
            pinningRisks.put(reason, Counter.builder(PINNING_RISKS).tag("reason", reason.tag())
                    .description("Statement executions and connection settings that pin an RDS Proxy session")
                    .register(registry));
        }
        guardTimeouts = Counter.builder(GUARD_TIMEOUTS)
                .description("Guard analyses whose parse ran out of its time budget (not cached, retried in the background)")
                .register(registry);
        activeKeyTransactionSets = Counter.builder(ACTIVE_KEY_SETS).tag("scope", "transaction")
                .description("SET LOCAL rds_aurora.limitless_active_shard_key statements sent for ShardScope.forKey")
                .register(registry);
        activeKeySessionSets = Counter.builder(ACTIVE_KEY_SETS).tag("scope", "session")
                .description("SET LOCAL rds_aurora.limitless_active_shard_key statements sent for ShardScope.forKey")
                .register(registry);
        activeKeySuspended = Counter.builder(ACTIVE_KEY_SUSPENDED)
                .description("Statements run inside ShardScope.allowScatter nested in a key scope (key suspended)")
                .register(registry);
        tokenRefreshed = refreshes(IamTokenRefresh.Outcome.SUCCESS.tagValue());
        tokenFailed = refreshes(IamTokenRefresh.Outcome.FAILURE.tagValue());
        Gauge.builder(IAM_TOKEN_AGE, this, MicrometerMetrics::tokenAgeSeconds).baseUnit("seconds")
                .description("Age of the newest IAM authentication token").register(registry);
    }

    /** Metrics recorded in {@code registry}: statements as timers, histograms published. */
    public static MicrometerMetrics of(MeterRegistry registry) {
        return builder(registry).build();
    }

    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    @Override
    public StatementMeters statementMeters(String route, String table, StatementOperation operation) {
        String routeTag = route == null ? "unknown" : route.toLowerCase(Locale.ROOT);
        routeTag = ROUTES.contains(routeTag) ? routeTag : "unknown";
        String tableTag = table == null || table.isBlank() ? NO_TABLE : table;
        return statements.computeIfAbsent(new StatementKey(routeTag, tableTag, operation),
                key -> new MicrometerStatementMeters(this, key.route(), key.table(), key.operation()));
    }

    @Override
    public void pinningRisk(PinningReason reason) {
        pinningRisks.get(reason).increment();
    }

    @Override
    public void guardTimeout() {
        guardTimeouts.increment();
    }

    @Override
    public void activeKeySet(boolean transaction) {
        (transaction ? activeKeyTransactionSets : activeKeySessionSets).increment();
    }

    @Override
    public void activeKeySuspended() {
        activeKeySuspended.increment();
    }

    @Override
    public void unwrapped(String callSite) {
        Counter counter = unwrapped.get(callSite);
        if (counter == null) {
            counter = unwrapped.computeIfAbsent(callSite, site -> Counter.builder(GUARD_UNWRAPPED).tag("call_site", site)
                    .description("Unguarded pool or driver objects handed out by unwrap: SQL sent through them is not checked")
                    .register(registry));
        }
        counter.increment();
    }

    @Override
    public void onRefresh(IamTokenRefresh refresh) {
        if (refresh.outcome() == IamTokenRefresh.Outcome.SUCCESS) {
            tokenRefreshed.increment();
            newestToken.accumulateAndGet(refresh.at(),
                    (current, next) -> current == null || next.isAfter(current) ? next : current);
        } else {
            tokenFailed.increment();
        }
    }

    MeterRegistry registry() {
        return registry;
    }

    ObservationRegistry observations() {
        return observations;
    }

    StatementObservationConvention convention() {
        return convention;
    }

    boolean percentileHistogram() {
        return percentileHistogram;
    }

    private double tokenAgeSeconds() {
        Instant issued = newestToken.get();
        return issued == null ? Double.NaN : Duration.between(issued, clock.instant()).toMillis() / 1000.0;
    }

    private Counter refreshes(String outcome) {
        return Counter.builder(IAM_TOKEN_REFRESHES).tag("outcome", outcome)
                .description("IAM authentication tokens minted").register(registry);
    }

    private record StatementKey(String route, String table, StatementOperation operation) {
    }

    /** Options of {@link MicrometerMetrics}. */
    public static final class Builder {

        private final MeterRegistry registry;
        private ObservationRegistry observations = ObservationRegistry.NOOP;
        private StatementObservationConvention convention;
        private boolean percentileHistogram = true;
        private Clock clock = Clock.systemUTC();

        private Builder(MeterRegistry registry) {
            this.registry = registry;
        }

        /**
         * Record statements as observations in {@code observations} (one span per statement under a tracing
         * bridge); the {@code limitless.statement} timer then comes from its meter handler.
         */
        public Builder observationRegistry(ObservationRegistry observations) {
            this.observations = observations == null ? ObservationRegistry.NOOP : observations;
            return this;
        }

        /** A convention replacing {@link DefaultStatementObservationConvention}. */
        public Builder observationConvention(StatementObservationConvention convention) {
            this.convention = convention;
            return this;
        }

        /**
         * Whether the {@code limitless.statement} timer publishes a percentile histogram (default true) so that
         * p50/p95/p99 can be aggregated per route and table across instances. With an observation registry,
         * configure the histogram of its meter handler instead (e.g. Spring Boot's
         * {@code management.metrics.distribution.percentiles-histogram.limitless.statement}).
         */
        public Builder percentileHistogram(boolean publish) {
            this.percentileHistogram = publish;
            return this;
        }

        /** The clock of the IAM token age gauge. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public MicrometerMetrics build() {
            return new MicrometerMetrics(this);
        }
    }
}
