package dev.limitless.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.sql.StatementText;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies statements by their SQL text against a {@link ShardCatalog} and applies a {@link GuardPolicy}.
 * Analysis happens once per distinct text (bounded Caffeine cache); after that {@link #check} is a cache lookup and
 * a field read. Thread-safe.
 *
 * <pre>{@code
 * ShardScopeGuard guard = ShardScopeGuard.builder(catalog).build();
 * guard.check("SELECT * FROM transactions WHERE account_id = ?");   // SINGLE_SHARD, allowed
 * guard.check("SELECT * FROM transactions WHERE amount > ?");       // throws ScatterRefusedException
 * }</pre>
 */
public final class ShardScopeGuard {

    private static final Logger log = LoggerFactory.getLogger(ShardScopeGuard.class);

    private final GuardPolicy policy;
    private final ShardCatalog catalog;
    private final StatementAnalyzer analyzer;
    private final Cache<String, Entry> cache;
    private final Function<String, Entry> analyze = this::entry;

    private ShardScopeGuard(Builder builder) {
        this.policy = builder.policy;
        this.catalog = builder.catalog;
        this.analyzer = new StatementAnalyzer(builder.catalog, builder.searchPath, builder.maxSqlLength,
                builder.maxNesting, builder.parseTimeout, builder.fanOutLimit);
        this.cache = Caffeine.newBuilder().maximumSize(builder.cacheSize).build();
    }

    /** A guard over {@code catalog} with the default policy and limits. */
    public static ShardScopeGuard of(ShardCatalog catalog) {
        return builder(catalog).build();
    }

    public static Builder builder(ShardCatalog catalog) {
        return new Builder(catalog);
    }

    public GuardPolicy policy() {
        return policy;
    }

    public ShardCatalog catalog() {
        return catalog;
    }

    /** What the text says (cached by text). Never throws on any input. */
    public StatementAnalysis analyze(String sql) {
        return cache.get(sql, analyze).analysis;
    }

    /**
     * The decision on {@code sql} under the policy, the statement's hint and the current {@link ShardScope}, without
     * throwing: {@link Verdict#refused()} says whether {@link #check} would throw.
     */
    public Verdict verdict(String sql) {
        Entry entry = cache.get(sql, analyze);
        if (entry.action != PolicyAction.REFUSE || entry.optInAllowed && ShardScope.scatterAllowed()) {
            return entry.allowed;
        }
        return entry.refused;
    }

    /**
     * Checks a statement before it is sent: returns the verdict when it may run (logging a warning the first time
     * for {@link PolicyAction#WARN}), throws when it is refused.
     *
     * @throws ShardScopeException naming the statement, the table, the missing key and the ways out
     */
    public Verdict check(String sql) throws ShardScopeException {
        Entry entry = cache.get(sql, analyze);
        if (entry.action == PolicyAction.ALLOW) {
            return entry.allowed;
        }
        return decide(entry);
    }

    private Verdict decide(Entry entry) throws ShardScopeException {
        if (entry.action == PolicyAction.WARN) {
            if (!entry.warned) {
                entry.warned = true;
                log.warn("{}", message(entry.analysis, "Allowed (policy: warn)"));
            }
            return entry.allowed;
        }
        if (entry.optInAllowed && ShardScope.scatterAllowed()) {
            if (log.isDebugEnabled()) {
                log.debug("{} statement allowed by ShardScope '{}': {}", entry.analysis.route(), ShardScope.currentReason(),
                        StatementText.shorten(entry.analysis.sql()));
            }
            return entry.allowed;
        }
        throw refusal(entry.analysis, entry.refused);
    }

    private Entry entry(String sql) {
        StatementAnalysis analysis = analyzer.analyze(sql);
        PolicyAction action;
        boolean optIn = true;
        if (analysis.violation() != null) {
            action = PolicyAction.REFUSE;
            optIn = false;
        } else if (analysis.route() == Route.UNKNOWN && !analysis.namesShardedTable()) {
            action = PolicyAction.ALLOW;
        } else {
            action = policy.action(analysis.route());
            if (action != PolicyAction.ALLOW && analysis.allowScatterHint() && isScatterLike(analysis.route())) {
                action = PolicyAction.ALLOW;
            }
            optIn = isScatterLike(analysis.route());
        }
        return new Entry(analysis, action, optIn);
    }

    private static boolean isScatterLike(Route route) {
        return route == Route.SCATTER || route == Route.MULTI_SHARD || route == Route.UNKNOWN;
    }

    private ShardScopeException refusal(StatementAnalysis analysis, Verdict verdict) {
        StatementAnalysis.Violation violation = analysis.violation();
        if (violation != null) {
            String key = String.join(", ", violation.shardKey());
            if (violation.kind() == StatementAnalysis.Violation.Kind.INSERT_WITHOUT_SHARD_KEY) {
                return new MissingShardKeyException("Refused INSERT [" + StatementText.shorten(analysis.sql()) + "]: " + violation.detail()
                        + ". Limitless routes every row by its shard key (" + key + "): list every shard-key column and"
                        + " give it a value. No opt-in lifts this rule.", verdict);
            }
            return new ShardKeyUpdateException("Refused [" + StatementText.shorten(analysis.sql()) + "]: " + violation.detail()
                    + ". Limitless cannot move a row to another shard (\"Shard key column update is not supported\"):"
                    + " delete the row and insert it with the new key (" + key + ") instead. No opt-in lifts this rule.",
                    verdict);
        }
        if (analysis.route() == Route.UNKNOWN) {
            return new UnanalyzableStatementException(message(analysis, "Refused"), verdict);
        }
        return new ScatterRefusedException(message(analysis, "Refused"), verdict);
    }

    private String message(StatementAnalysis analysis, String what) {
        StringBuilder text = new StringBuilder(what).append(' ').append(analysis.route()).append(" statement [")
                .append(StatementText.shorten(analysis.sql())).append("]");
        if (analysis.route() == Route.UNKNOWN) {
            text.append(" naming sharded table ").append(analysis.primaryTable()).append(": ");
        } else {
            text.append(": ");
        }
        text.append(String.join("; ", analysis.reasons())).append('.');
        TableDefinition table = analysis.primaryTable() == null ? null : catalog.find(analysis.primaryTable()).orElse(null);
        if (table != null && table.isSharded()) {
            String key = String.join(", ", table.shardKey());
            text.append(" To run on one shard, filter ").append(table.name()).append(" on its full shard key (")
                    .append(key).append(") with '= ?' or join it on (").append(key).append(") to a collocated table that is.");
        }
        text.append(" If touching every shard is intended, opt in: add the comment /* ")
                .append(StatementAnalysis.ALLOW_SCATTER_HINT).append(" */ to the statement, or run it inside")
                .append(" ShardScope.allowScatter(\"reason\") (or a method annotated @AllowScatter(reason = \"...\")).");
        return text.toString();
    }


    /** A cached analysis with its decision under this guard's policy precomputed. */
    private static final class Entry {
        final StatementAnalysis analysis;
        final PolicyAction action;
        final boolean optInAllowed;
        final Verdict allowed;
        final Verdict refused;
        volatile boolean warned;

        Entry(StatementAnalysis analysis, PolicyAction action, boolean optInAllowed) {
            this.analysis = analysis;
            this.action = action;
            this.optInAllowed = optInAllowed;
            this.allowed = new Verdict(analysis, action == PolicyAction.REFUSE ? PolicyAction.ALLOW : action, false);
            this.refused = new Verdict(analysis, PolicyAction.REFUSE, true);
        }
    }

    /** Settings of a guard; every one has a default. */
    public static final class Builder {
        private final ShardCatalog catalog;
        private GuardPolicy policy = GuardPolicy.defaults();
        private List<String> searchPath = List.of();
        private long cacheSize = 10_000;
        private int maxSqlLength = 100_000;
        private int maxNesting = 64;
        private Duration parseTimeout = Duration.ofMillis(500);
        private int fanOutLimit = 16;

        private Builder(ShardCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /** Route actions; default {@link GuardPolicy#defaults()}. */
        public Builder policy(GuardPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Schemas for unqualified names, in order (stored form); default: the catalog's default schema. */
        public Builder searchPath(List<String> searchPath) {
            this.searchPath = List.copyOf(searchPath);
            return this;
        }

        /** Distinct SQL texts remembered; default 10,000. */
        public Builder cacheSize(long cacheSize) {
            this.cacheSize = cacheSize;
            return this;
        }

        /** Longer texts are not parsed (UNKNOWN); default 100,000 characters. */
        public Builder maxSqlLength(int maxSqlLength) {
            this.maxSqlLength = maxSqlLength;
            return this;
        }

        /** Deeper parenthesis nesting is not parsed (UNKNOWN); default 64. */
        public Builder maxNesting(int maxNesting) {
            this.maxNesting = maxNesting;
            return this;
        }

        /** A parse that takes longer is abandoned (UNKNOWN); default 500 ms. */
        public Builder parseTimeout(Duration parseTimeout) {
            this.parseTimeout = Objects.requireNonNull(parseTimeout, "parseTimeout");
            return this;
        }

        /**
         * Restricting a sharded table to this many distinct key values or more counts as SCATTER: with as many
         * values as shards, every shard can be hit. Default 16.
         */
        public Builder fanOutLimit(int fanOutLimit) {
            if (fanOutLimit < 2) {
                throw new IllegalArgumentException("fanOutLimit must be at least 2, got " + fanOutLimit);
            }
            this.fanOutLimit = fanOutLimit;
            return this;
        }

        public ShardScopeGuard build() {
            return new ShardScopeGuard(this);
        }
    }
}
