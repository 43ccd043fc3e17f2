package dev.limitless.autoconfigure.activekey;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains why the active shard key is refused on the proxy topology and what to do instead. */
final class ActiveShardKeyTopologyFailureAnalyzer extends AbstractFailureAnalyzer<ActiveShardKeyTopologyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ActiveShardKeyTopologyException cause) {
        return new FailureAnalysis(cause.getMessage(),
                """
                Either connect to the Aurora Limitless routers (or the local emulation) and set
                limitless.topology=limitless, or remove @ShardScoped and the ShardKeyResolver beans and filter
                on the shard key in each statement. To turn the feature off, set limitless.active-key.enabled=false.
                See docs/active-shard-key.md.""",
                cause);
    }
}
