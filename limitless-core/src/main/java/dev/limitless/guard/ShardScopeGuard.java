package dev.limitless.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.sql.internal.StatementText;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies statements by their SQL text against a {@link ShardCatalog} and applies a {@link Policy Policy&lt;Route&gt;}.
 * Analysis happens once per distinct text (bounded Caffeine cache); after that {@link #check} is a cache lookup and
 * a field read. Thread-safe.
 *
 * <pre>{@code
 * ShardScopeGuard guard = ShardScopeGuard.builder(catalog).build();
 * guard.check("SELECT * FROM transactions WHERE account_id = ?");   // SINGLE_SHARD, allowed
 * guard.check("SELECT * FROM transactions WHERE amount > ?");       // throws ScatterRefusedException
 * }</pre>
 */
public final class ShardScopeGuard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShardScopeGuard.class);

    /** What an entry of the verdict cache costs besides its text: the analysis, its lists, the cache's own node. */
    private static final int ENTRY_OVERHEAD_BYTES = 1_024;

    private final Policy<Route> policy;
    private final ShardCatalog catalog;
    private final StatementAnalyzer analyzer;
    private final Cache<String, Entry> cache;
    private final int maxCachedSqlLength;
    private final Duration parseTimeout;
    private final Runnable timeoutListener;
    private final ParseWatchdog watchdog;
    private final ThreadPoolExecutor retries;

    private ShardScopeGuard(Builder builder) {
        this.policy = builder.policy;
        this.catalog = builder.catalog;
        this.parseTimeout = builder.parseTimeout;
        this.timeoutListener = builder.timeoutListener;
        this.maxCachedSqlLength = builder.maxCachedSqlLength;
        this.watchdog = new ParseWatchdog(builder.parseTimeout.toMillis());
        // a timed-out analysis is retried off the caller's thread, one at a time; when the queue is full, later
        // callers retry on their own next use instead
        this.retries = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64),
                daemon("limitless-guard-retry"), new ThreadPoolExecutor.DiscardPolicy());
        this.retries.allowCoreThreadTimeOut(true);
        this.analyzer = new StatementAnalyzer(builder.catalog, builder.searchPath, builder.maxSqlLength,
                builder.maxNesting, builder.fanOutLimit, watchdog, GuardParser.Pool.forThisMachine());
        // every entry weighs at least maxBytes / maxEntries, so both bounds hold with one weight
        long maxBytes = builder.cacheMaxBytes;
        long floor = Math.max(1, maxBytes / Math.max(1, builder.cacheSize));
        // maintenance runs on the calling thread: handing it to the common pool after inserts woke another thread for
        // every new statement
        this.cache = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(maxBytes)
                .<String, Entry>weigher((sql, entry) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(floor, 2L * sql.length() + ENTRY_OVERHEAD_BYTES)))
                .build();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A guard over {@code catalog} with the default policy and limits. */
    public static ShardScopeGuard of(ShardCatalog catalog) {
        return builder(catalog).build();
    }

    public static Builder builder(ShardCatalog catalog) {
        return new Builder(catalog);
    }

    public Policy<Route> policy() {
        return policy;
    }

    public ShardCatalog catalog() {
        return catalog;
    }

    /** What the text says (cached by text). Never throws on any input. */
    public StatementAnalysis analyze(String sql) {
        return entry(sql).analysis;
    }

    /** Whether the analysis of this exact text is cached. */
    boolean isCached(String sql) {
        return cache.getIfPresent(sql) != null;
    }

    /**
     * The decision on {@code sql} under the policy, the statement's hint and the current {@link ShardScope}, without
     * throwing: {@link Verdict#refused()} says whether {@link #check} would throw.
     */
    public Verdict verdict(String sql) {
        Entry entry = entry(sql);
        ActiveShardKey key = ShardScope.activeKey();
        if (key != null) {
            entry = scoped(entry, key.arity());
        }
        if (entry.action != PolicyAction.REFUSE || entry.optInAllowed && ShardScope.scatterAllowed()) {
            return entry.allowed;
        }
        return entry.refused;
    }

    /**
     * Checks a statement before it is sent: returns the verdict when it may run (logging a warning the first time
     * for {@link PolicyAction#WARN}), throws when it is refused. A text of several statements is refused whole,
     * before anything is sent, when any of its statements is refused.
     *
     * @throws ShardScopeException naming the statement, the table, the missing key and the ways out
     */
    public Verdict check(String sql) throws ShardScopeException {
        Entry entry = entry(sql);
        ActiveShardKey key = ShardScope.activeKey();
        if (key != null) {
            entry = scoped(entry, key.arity());
        }
        if (entry.action == PolicyAction.ALLOW) {
            return entry.allowed;
        }
        return decide(entry);
    }

    /**
     * The shard-key bind parameters of a statement this guard admitted, to be told what is bound to them; {@code null}
     * when the statement has none.
     */
    public KeyBindings keyBindings(Verdict verdict) {
        if (ShardScope.activeKey() != null) {
            return null; // the active key restricts the statement whatever is bound to its parameters
        }
        Entry entry = cache.getIfPresent(verdict.analysis().sql());
        if (entry == null || entry.analysis != verdict.analysis()) {
            return KeyBindings.of(this, verdict, KeyBindings.template(this, verdict.analysis())); // not cached: work it out
        }
        KeyBindings.Template template;
        if (entry.keyTemplateKnown) {
            template = entry.keyTemplate; // written before keyTemplateKnown: read after it
        } else {
            template = KeyBindings.template(this, entry.analysis);
            entry.keyTemplate = template;
            entry.keyTemplateKnown = true;
        }
        return KeyBindings.of(this, verdict, template);
    }

    /** A key parameter was bound so that the key column is cast: the statement reads every shard. */
    void checkCastingBind(Verdict verdict, String detail) throws ShardScopeException {
        PolicyAction action = policy.action(Route.SCATTER);
        StatementAnalysis analysis = verdict.analysis();
        if (action == PolicyAction.ALLOW || analysis.allowScatterHint() || ShardScope.scatterAllowed()
                || ShardScope.activeKey() != null) {
            return;
        }
        String message = "Refused SCATTER statement [" + StatementText.shorten(analysis.sql()) + "]: " + detail + "."
                + " If touching every shard is intended, opt in: add the comment /* " + StatementAnalysis.ALLOW_SCATTER_HINT
                + " */ to the statement, or run it inside ShardScope.allowScatter(\"reason\").";
        if (action == PolicyAction.WARN) {
            log.warn("{}", message.replaceFirst("^Refused", "Allowed (policy: warn)"));
            return;
        }
        StatementAnalysis scatter = new StatementAnalysis(analysis.sql(), analysis.operation(), Route.SCATTER,
                analysis.tables(), java.util.List.of(detail), analysis.shardKeyValues(), true, false, null,
                analysis.pinningRisks());
        throw new ScatterRefusedException(message, new Verdict(scatter, PolicyAction.REFUSE, true));
    }

    /** Stops the guard's timer threads. The guard keeps answering from its cache; new texts are still analyzed. */
    @Override
    public void close() {
        watchdog.close();
        retries.shutdownNow();
    }

    private Entry entry(String sql) {
        Entry cached = cache.getIfPresent(sql);
        if (cached != null) {
            return cached;
        }
        boolean[] timedOut = new boolean[1];
        Entry entry = entryFor(analyze(sql, parseTimeout, timedOut));
        if (timedOut[0]) {
            // a verdict never depends on machine load: a parse that ran out of time is not final
            timeoutListener.run();
            retryLater(sql);
            return entry;
        }
        if (sql.length() <= maxCachedSqlLength) {
            cache.put(sql, entry);
        }
        return entry;
    }

    private StatementAnalysis analyze(String sql, Duration timeout, boolean[] timedOut) {
        if (watchdog.isClosed()) {
            // a closed guard still answers, on a time budget it no longer enforces
            return analyzer.analyze(sql, Duration.ofDays(1), timedOut, false);
        }
        return analyzer.analyze(sql, timeout, timedOut, true);
    }

    private void retryLater(String sql) {
        if (retries.isShutdown()) {
            return;
        }
        retries.execute(() -> {
            boolean[] timedOut = new boolean[1];
            StatementAnalysis analysis = analyze(sql, parseTimeout.multipliedBy(20), timedOut);
            if (!timedOut[0] && sql.length() <= maxCachedSqlLength) {
                cache.put(sql, entryFor(analysis));
            }
        });
    }

    /**
     * The decision on a text run with an active key of {@code arity} values, worked out once per text and arity:
     * Aurora appends the key to every compatible sharded table, so their statements are SINGLE_SHARD and inserts may
     * omit the key; a sharded table of another key arity, or sharded tables of two collocation groups, are errors.
     */
    private Entry scoped(Entry entry, int arity) {
        Entry[] byArity = entry.scoped;
        if (arity >= byArity.length) {
            return entryFor(withActiveKey(entry.analysis, arity));
        }
        Entry scoped = byArity[arity];
        if (scoped == null) {
            scoped = entryFor(withActiveKey(entry.analysis, arity));
            byArity[arity] = scoped; // racy but idempotent; Entry's fields are final
        }
        return scoped;
    }

    private StatementAnalysis withActiveKey(StatementAnalysis analysis, int arity) {
        if (!analysis.parts().isEmpty()) {
            List<StatementAnalysis> parts = new java.util.ArrayList<>(analysis.parts().size());
            for (StatementAnalysis part : analysis.parts()) {
                parts.add(withActiveKey(part, arity));
            }
            return new StatementAnalysis(analysis.sql(), analysis.operation(), analysis.route(), analysis.tables(),
                    analysis.reasons(), analysis.shardKeyValues(), analysis.namesShardedTable(),
                    analysis.allowScatterHint(), analysis.violation(), analysis.pinningRisks(), parts);
        }
        List<TableDefinition> sharded = new java.util.ArrayList<>();
        for (dev.limitless.catalog.TableName name : analysis.tables()) {
            catalog.find(name).filter(TableDefinition::isSharded).ifPresent(sharded::add);
        }
        if (sharded.isEmpty()) {
            return analysis;
        }
        StatementAnalysis.Violation violation = null;
        for (TableDefinition table : sharded) {
            if (table.shardKey().size() != arity) {
                violation = new StatementAnalysis.Violation(StatementAnalysis.Violation.Kind.ACTIVE_KEY_INCOMPATIBLE_TABLE,
                        table.name(), table.shardKey(), "the active shard key has " + values(arity) + " but sharded table "
                        + table.name() + " has a shard key of " + table.shardKey().size() + " column(s) ("
                        + String.join(", ", table.shardKey()) + ")");
                break;
            }
        }
        TableDefinition first = sharded.get(0);
        for (int i = 1; violation == null && i < sharded.size(); i++) {
            TableDefinition table = sharded.get(i);
            if (!catalog.collocated(first.name(), table.name())) {
                violation = new StatementAnalysis.Violation(
                        StatementAnalysis.Violation.Kind.ACTIVE_KEY_OTHER_COLLOCATION_GROUP, table.name(), table.shardKey(),
                        "sharded tables " + first.name() + " and " + table.name() + " are in different collocation groups,"
                        + " and Aurora applies an active shard key only to statements whose sharded tables are all in one");
            }
        }
        if (violation != null) {
            return new StatementAnalysis(analysis.sql(), analysis.operation(), analysis.route(), analysis.tables(),
                    analysis.reasons(), analysis.shardKeyValues(), analysis.namesShardedTable(),
                    analysis.allowScatterHint(), violation, analysis.pinningRisks());
        }
        StatementAnalysis.Violation kept = analysis.violation();
        if (kept != null && kept.kind() == StatementAnalysis.Violation.Kind.INSERT_WITHOUT_SHARD_KEY) {
            kept = null; // Aurora adds the active key to an insert that omits it
        }
        Route route = analysis.route();
        List<String> reasons = analysis.reasons();
        if (route == Route.SCATTER || route == Route.MULTI_SHARD || route == Route.SINGLE_SHARD) {
            route = Route.SINGLE_SHARD;
            StringBuilder names = new StringBuilder();
            for (TableDefinition table : sharded) {
                names.append(names.length() == 0 ? "" : ", ").append(table.name());
            }
            reasons = List.of("the active shard key (" + values(arity) + ") restricts " + names + " to one shard");
        }
        return new StatementAnalysis(analysis.sql(), analysis.operation(), route, analysis.tables(), reasons,
                analysis.shardKeyValues(), analysis.namesShardedTable(), analysis.allowScatterHint(), kept,
                analysis.pinningRisks());
    }

    private static String values(int arity) {
        return arity == 1 ? "1 value" : arity + " values";
    }

    private Verdict decide(Entry entry) throws ShardScopeException {
        if (entry.action == PolicyAction.WARN) {
            if (!entry.warned) {
                entry.warned = true;
                log.warn("{}", message(entry.decisive, "Allowed (policy: warn)"));
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
        throw refusal(entry.decisive, entry.refused);
    }

    /** The policy's decision on an analysis; for several statements, each on its own, the strictest wins. */
    private Entry entryFor(StatementAnalysis analysis) {
        if (analysis.parts().isEmpty()) {
            Decision decision = decision(analysis);
            return new Entry(analysis, analysis, decision.action, decision.optIn);
        }
        PolicyAction action = PolicyAction.ALLOW;
        boolean optIn = true;
        StatementAnalysis decisive = null;
        for (StatementAnalysis part : analysis.parts()) {
            Decision decision = decision(part);
            if (decision.action == PolicyAction.REFUSE) {
                if (action != PolicyAction.REFUSE || decisive.violation() == null && part.violation() != null) {
                    decisive = part;
                }
                action = PolicyAction.REFUSE;
                optIn &= decision.optIn;
            } else if (decision.action == PolicyAction.WARN && action == PolicyAction.ALLOW) {
                action = PolicyAction.WARN;
                decisive = part;
            }
        }
        return new Entry(analysis, decisive == null ? analysis : decisive, action, optIn);
    }

    private record Decision(PolicyAction action, boolean optIn) {
    }

    private Decision decision(StatementAnalysis analysis) {
        if (analysis.violation() != null) {
            return new Decision(PolicyAction.REFUSE, false);
        }
        if (analysis.route() == Route.UNKNOWN && !analysis.namesShardedTable()) {
            return new Decision(PolicyAction.ALLOW, true);
        }
        PolicyAction action = policy.action(analysis.route());
        if (action != PolicyAction.ALLOW && analysis.allowScatterHint() && isScatterLike(analysis.route())) {
            action = PolicyAction.ALLOW;
        }
        return new Decision(action, isScatterLike(analysis.route()));
    }

    private static boolean isScatterLike(Route route) {
        return route == Route.SCATTER || route == Route.MULTI_SHARD || route == Route.UNKNOWN;
    }

    private ShardScopeException refusal(StatementAnalysis analysis, Verdict verdict) {
        StatementAnalysis.Violation violation = analysis.violation();
        if (violation != null) {
            String key = String.join(", ", violation.shardKey());
            if (violation.kind() == StatementAnalysis.Violation.Kind.ACTIVE_KEY_INCOMPATIBLE_TABLE
                    || violation.kind() == StatementAnalysis.Violation.Kind.ACTIVE_KEY_OTHER_COLLOCATION_GROUP) {
                return new ActiveShardKeyException("Refused [" + StatementText.shorten(analysis.sql()) + "] inside"
                        + " ShardScope.forKey(...): " + violation.detail() + ". Aurora Limitless raises an error for it"
                        + " (rds_aurora.limitless_active_shard_key). Run it outside the key scope, or inside"
                        + " ShardScope.allowScatter(\"reason\") nested in the key scope, which suspends the key.", verdict);
            }
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
        if (analysis.route() == Route.UNKNOWN && analysis.primaryTable() != null) {
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
        /** The statement the decision rests on: the analysis itself, or the refused part of several. */
        final StatementAnalysis decisive;
        final PolicyAction action;
        final boolean optInAllowed;
        final Verdict allowed;
        final Verdict refused;
        volatile boolean warned;
        /** The statement's key parameters, worked out at the first prepare (racy but idempotent). */
        volatile KeyBindings.Template keyTemplate;
        volatile boolean keyTemplateKnown;
        /** The decision under an active key, by key arity (1 to 4), worked out at first use. */
        final Entry[] scoped = new Entry[5];

        Entry(StatementAnalysis analysis, StatementAnalysis decisive, PolicyAction action, boolean optInAllowed) {
            this.analysis = analysis;
            this.decisive = decisive;
            this.action = action;
            this.optInAllowed = optInAllowed;
            this.allowed = new Verdict(analysis, action == PolicyAction.REFUSE ? PolicyAction.ALLOW : action, false);
            this.refused = new Verdict(analysis, PolicyAction.REFUSE, true);
        }
    }

    /** Settings of a guard; every one has a default. */
    public static final class Builder {
        private final ShardCatalog catalog;
        private Policy<Route> policy = Policy.defaults(Route.class);
        private List<String> searchPath = List.of();
        private long cacheSize = 10_000;
        private long cacheMaxBytes = 64L * 1024 * 1024;
        private int maxCachedSqlLength = 32_768;
        private Runnable timeoutListener = () -> { };
        private int maxSqlLength = 100_000;
        private int maxNesting = 64;
        private Duration parseTimeout = Duration.ofMillis(500);
        private int fanOutLimit = 16;

        private Builder(ShardCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /** Route actions; default {@link Policy#defaults(Class) Policy.defaults(Route.class)}. */
        public Builder policy(Policy<Route> policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Schemas for unqualified names, in order (stored form); default: the catalog's default schema. */
        public Builder searchPath(List<String> searchPath) {
            this.searchPath = List.copyOf(searchPath);
            return this;
        }

        /** Distinct SQL texts remembered at most; default 10,000. */
        public Builder cacheSize(long cacheSize) {
            if (cacheSize < 1) {
                throw new IllegalArgumentException("cacheSize must be at least 1, got " + cacheSize);
            }
            this.cacheSize = cacheSize;
            return this;
        }

        /**
         * Memory the verdict cache may hold, weighed by text size (two bytes a character plus about 1 KB an entry);
         * default 64 MB.
         */
        public Builder cacheMaxBytes(long cacheMaxBytes) {
            if (cacheMaxBytes < 1024 * 1024) {
                throw new IllegalArgumentException("cacheMaxBytes must be at least 1 MB, got " + cacheMaxBytes);
            }
            this.cacheMaxBytes = cacheMaxBytes;
            return this;
        }

        /** Longer texts are analyzed at every use but never cached; default 32,768 characters. */
        public Builder maxCachedSqlLength(int maxCachedSqlLength) {
            this.maxCachedSqlLength = maxCachedSqlLength;
            return this;
        }

        /** Called once for every analysis whose parse ran out of time (for the {@code limitless.guard.timeouts} meter). */
        public Builder timeoutListener(Runnable timeoutListener) {
            this.timeoutListener = Objects.requireNonNull(timeoutListener, "timeoutListener");
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

        /**
         * A parse that takes longer is abandoned for now (UNKNOWN, refused only where the text names a sharded table,
         * never cached) and retried in the background with twenty times the budget; default 500 ms.
         */
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
