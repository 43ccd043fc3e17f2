package dev.limitless.autoconfigure.guard;

import dev.limitless.policy.PolicyAction;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The shard-scope guard on the application's DataSource ({@code limitless.guard.*}). See docs/guard.md. */
@ConfigurationProperties("limitless.guard")
public class GuardProperties {

    /** Wrap the application's DataSource so every statement is analysed and checked before it is sent. */
    private boolean enabled = true;

    /** What to do with statements that would run on every shard: refuse, warn or allow. */
    private PolicyAction scatter = PolicyAction.REFUSE;

    /** What to do with statements that run on a few shards (IN lists, OR of keys): refuse, warn or allow. */
    private PolicyAction multiShard = PolicyAction.ALLOW;

    /** What to do with statements the guard cannot analyse that name a sharded table (those that name none always run). */
    private PolicyAction unknown = PolicyAction.REFUSE;

    /** Schemas searched for unqualified table names, as PostgreSQL's search_path. Default: the default schema. */
    private List<String> searchPath = new ArrayList<>();

    /** Distinct SQL texts whose analysis is cached. */
    private long cacheSize = 10_000;

    /** Analysing statements while the application starts, so that the first request pays no analysis. */
    private final WarmUp warmUp = new WarmUp();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public PolicyAction getScatter() {
        return scatter;
    }

    public void setScatter(PolicyAction scatter) {
        this.scatter = scatter;
    }

    public PolicyAction getMultiShard() {
        return multiShard;
    }

    public void setMultiShard(PolicyAction multiShard) {
        this.multiShard = multiShard;
    }

    public PolicyAction getUnknown() {
        return unknown;
    }

    public void setUnknown(PolicyAction unknown) {
        this.unknown = unknown;
    }

    public List<String> getSearchPath() {
        return searchPath;
    }

    public void setSearchPath(List<String> searchPath) {
        this.searchPath = searchPath;
    }

    public long getCacheSize() {
        return cacheSize;
    }

    public void setCacheSize(long cacheSize) {
        this.cacheSize = cacheSize;
    }

    public WarmUp getWarmUp() {
        return warmUp;
    }

    /** Analysing statements while the application starts ({@code limitless.guard.warm-up.*}). */
    public static class WarmUp {

        /**
         * Analyse, before the application is ready (under SnapStart: before the snapshot), the statements listed
         * here and statements shaped from the catalog, which load and compile the guard's parser.
         */
        private boolean enabled = true;

        /** Exact SQL texts the application sends (as the driver sees them), cached before the first request. */
        private List<String> statements = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getStatements() {
            return statements;
        }

        public void setStatements(List<String> statements) {
            this.statements = statements;
        }
    }
}
