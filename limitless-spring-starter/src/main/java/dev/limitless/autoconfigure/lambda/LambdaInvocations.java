package dev.limitless.autoconfigure.lambda;

import dev.limitless.failure.FailureCause;
import dev.limitless.failure.InvocationRetries;
import dev.limitless.failure.SqlFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Lambda handler calls around each invocation. {@link #begin()} checks the pooled connection before the
 * invocation uses it: a frozen execution environment wakes up with a connection the database (or a replaced router)
 * may have closed meanwhile, and a connection that fails the check is given back broken, so the pool replaces it
 * and the invocation runs on a new one instead of failing. {@link #end(String)} logs one line when the invocation's
 * units of work had to be retried, with how often and why (the {@code limitless.retries} meter counts them too).
 *
 * <pre>{@code
 * invocations.begin();
 * try { return routes.handle(event); } finally { invocations.end(context.getAwsRequestId()); }
 * }</pre>
 */
public final class LambdaInvocations {

    private static final Logger log = LoggerFactory.getLogger(LambdaInvocations.class);

    private final DataSource dataSource;
    private final InvocationRetries retries;
    private final int attempts;

    /**
     * @param retries the retry tally, or {@code null} when retries are off
     * @param poolSize the most connections the pool holds: the check tries that many and one more
     */
    public LambdaInvocations(DataSource dataSource, InvocationRetries retries, int poolSize) {
        this.dataSource = dataSource;
        this.retries = retries;
        this.attempts = Math.max(1, poolSize) + 1;
    }

    /** Before the invocation: replaces a dead pooled connection, starts counting retries. Never throws. */
    public void begin() {
        if (retries != null) {
            retries.begin();
        }
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                // a statement (not isValid) so that the pool sees the SQLState and evicts a broken connection
                statement.execute("SELECT 1");
                if (attempt > 1) {
                    log.info("Replaced {} dead pooled connection(s) before the invocation", attempt - 1);
                }
                return;
            } catch (SQLException e) {
                FailureCause cause = SqlFailure.of(e).cause();
                if (!SqlFailure.of(e).isTransient()) {
                    log.warn("Connection check before the invocation failed ({}); the invocation goes on", cause.tag());
                    return;
                }
                log.debug("Pooled connection found dead before the invocation ({}): replacing it", cause.tag());
            }
        }
        log.warn("No working database connection before the invocation after {} attempts; the invocation goes on", attempts);
    }

    /**
     * After the invocation: what was retried, logged in one line when anything was.
     *
     * @param invocationId the Lambda request id (for the log line), or {@code null}
     */
    public InvocationRetries.Report end(String invocationId) {
        if (retries == null) {
            return new InvocationRetries.Report(0, 0, 0, java.util.Set.of());
        }
        InvocationRetries.Report report = retries.end();
        if (report.retried()) {
            log.warn("Invocation {} retried {} unit(s) of work {} time(s) internally (causes: {}); {} unit(s) failed in the end",
                    invocationId, report.unitsRetried(), report.retries(),
                    report.causes().stream().map(FailureCause::tag).sorted().toList(), report.unitsFailed());
        }
        return report;
    }
}
