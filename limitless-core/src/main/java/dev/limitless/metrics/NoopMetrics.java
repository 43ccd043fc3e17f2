package dev.limitless.metrics;

import dev.limitless.iam.IamTokenRefresh;
import dev.limitless.pinning.PinningReason;

/** Records nothing: every method is empty, so the JIT erases the calls (as HikariCP's no-op metrics tracker). */
enum NoopMetrics implements LimitlessMetrics, StatementMeters, StatementSample {
    INSTANCE;

    @Override
    public StatementMeters statementMeters(String route, String table, StatementOperation operation) {
        return this;
    }

    @Override
    public void pinningRisk(PinningReason reason) {
    }

    @Override
    public void unwrapped(String callSite) {
    }

    @Override
    public void onRefresh(IamTokenRefresh refresh) {
    }

    @Override
    public StatementSample start() {
        return this;
    }

    @Override
    public void success() {
    }

    @Override
    public void error(Throwable error) {
    }

    @Override
    public void refused(String reason) {
    }
}
