package dev.limitless.autoconfigure.failure;

import dev.limitless.failure.FailureCause;
import dev.limitless.failure.SqlFailure;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring's {@link JdbcTransactionManager} with two changes for connections that die mid-transaction (a terminated
 * backend, a replaced router, a restarted server):
 * <ul>
 * <li>a rollback that fails because the connection is gone counts as done: the server discards the open
 * transaction of a session that ends, and the failure that made the application roll back reaches it instead of
 * "JDBC rollback failed";</li>
 * <li>a commit that fails because the connection is gone is a {@link CommitOutcomeUnknownException} (transient).</li>
 * </ul>
 * Other failures of commit and rollback are translated by the application's {@link SQLExceptionTranslator}.
 */
public class LimitlessTransactionManager extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(LimitlessTransactionManager.class);

    public LimitlessTransactionManager(DataSource dataSource, SQLExceptionTranslator translator) {
        super(dataSource);
        setExceptionTranslator(translator);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        try {
            super.doCommit(status);
        } catch (RuntimeException e) {
            if (connectionGone(status, e)) {
                throw new CommitOutcomeUnknownException(e);
            }
            throw e;
        }
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) throws TransactionException {
        try {
            super.doRollback(status);
        } catch (RuntimeException e) {
            if (!connectionGone(status, e)) {
                throw e;
            }
            SqlFailure failure = SqlFailure.of(e);
            log.debug("Rollback on a lost connection ({}, SQLState {}): the server discarded the transaction",
                    failure.cause().tag(), failure.sqlState());
        }
    }

    /**
     * The failure says the connection is lost, or the connection is closed: a pool closes a connection it found
     * broken (HikariCP's "Connection is closed" carries no SQLState).
     */
    private static boolean connectionGone(DefaultTransactionStatus status, RuntimeException e) {
        FailureCause cause = SqlFailure.of(e).cause();
        if (cause == FailureCause.CONNECTION_LOST || cause == FailureCause.ADMIN_SHUTDOWN) {
            return true;
        }
        if (status.getTransaction() instanceof JdbcTransactionObjectSupport transaction && transaction.hasConnectionHolder()) {
            try {
                return transaction.getConnectionHolder().getConnection().isClosed();
            } catch (SQLException | RuntimeException closedCheck) {
                return true;
            }
        }
        return false;
    }
}
