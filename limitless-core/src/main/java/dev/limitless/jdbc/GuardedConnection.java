package dev.limitless.jdbc;

import dev.limitless.guard.ActiveShardKey;
import dev.limitless.guard.ShardScope;
import dev.limitless.guard.Verdict;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection whose statements pass the guard: every SQL text is checked before the driver sees it, SQL given to
 * {@code prepareStatement} and {@code prepareCall} at prepare time. Every JDBC object it hands out (statements,
 * metadata, result sets) is guarded and leads back only to guarded objects; {@code unwrap} to a driver type is the one
 * way to the driver ({@link EscapeHatch}). Everything else is handed to the pool's connection unchanged.
 */
final class GuardedConnection implements Connection {

    private final Connection delegate;
    private final StatementGate gate;
    // the active shard key as this connection's session has it: set for auto-commit work, reset at close
    private ActiveShardKey sessionKey;
    // the key SET LOCAL gave the current transaction (null: TO DEFAULT), when transactionKeySent
    private ActiveShardKey transactionKey;
    private boolean transactionKeySent;
    // after a rollback to a savepoint the transaction's key is not known: the next statement sets it again
    private boolean transactionKeyStale;

    GuardedConnection(Connection delegate, StatementGate gate) {
        this.delegate = delegate;
        this.gate = gate;
    }

    /**
     * Before each execution: makes the session's {@code rds_aurora.limitless_active_shard_key} what the thread's
     * {@link ShardScope} asks for. In a transaction, one {@code SET LOCAL} at its first statement (and again only when
     * the scope's key changes); in auto-commit mode, one session-level {@code SET} for the run of statements in the
     * scope, {@code RESET} when a statement runs outside it or at {@link #close()}, so that no key reaches the next user
     * of the pooled connection. Outside every key scope on a connection that never had one: two field reads and a
     * thread-local read.
     */
    void applyActiveKey() throws SQLException {
        ActiveShardKey wanted = ShardScope.activeKey();
        if (wanted == null) {
            if (ShardScope.scatterAllowed() && ShardScope.suspendedKey() != null) {
                gate.activeKeySuspended();
            }
            if (sessionKey == null && !transactionKeySent) {
                return;
            }
        } else if (!gate.activeKeySupported()) {
            throw new ActiveShardKeyUnsupportedException();
        }
        if (delegate.getAutoCommit()) {
            if (!java.util.Objects.equals(wanted, sessionKey)) {
                send(wanted == null ? "RESET " + ActiveShardKey.VARIABLE : wanted.setSessionStatement());
                sessionKey = wanted;
                if (wanted != null) {
                    gate.activeKeySet(false);
                }
            }
            return;
        }
        ActiveShardKey effective = transactionKeySent ? transactionKey : sessionKey;
        if (transactionKeyStale || !java.util.Objects.equals(wanted, effective)) {
            send(wanted == null ? "SET LOCAL " + ActiveShardKey.VARIABLE + " TO DEFAULT" : wanted.setLocalStatement());
            transactionKey = wanted;
            transactionKeySent = true;
            transactionKeyStale = false;
            if (wanted != null) {
                gate.activeKeySet(true);
            }
        }
    }

    private void send(String sql) throws SQLException {
        try (Statement statement = delegate.createStatement()) {
            statement.execute(sql);
        }
    }

    private void transactionEnded() {
        transactionKeySent = false;
        transactionKeyStale = false;
        transactionKey = null;
    }

    @Override
    public Statement createStatement() throws SQLException {
        return new GuardedStatement<>(delegate.createStatement(), this, gate);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return new GuardedStatement<>(delegate.createStatement(resultSetType, resultSetConcurrency), this, gate);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        return new GuardedStatement<>(delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability), this, gate);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        Verdict verdict = gate.admit(sql);
        return new GuardedPreparedStatement<>(delegate.prepareStatement(sql), this, gate, verdict);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        Verdict verdict = gate.admit(sql);
        return new GuardedPreparedStatement<>(delegate.prepareStatement(sql, autoGeneratedKeys), this, gate, verdict);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        Verdict verdict = gate.admit(sql);
        return new GuardedPreparedStatement<>(delegate.prepareStatement(sql, columnIndexes), this, gate, verdict);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        Verdict verdict = gate.admit(sql);
        return new GuardedPreparedStatement<>(delegate.prepareStatement(sql, columnNames), this, gate, verdict);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        Verdict verdict = gate.admit(sql);
        return new GuardedPreparedStatement<>(delegate.prepareStatement(sql, resultSetType, resultSetConcurrency), this, gate, verdict);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        Verdict verdict = gate.admit(sql);
        return new GuardedPreparedStatement<>(delegate.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
                this, gate, verdict);
    }

    // Callable statements are checked at prepare time (a call's parameters cannot change which tables its text names)
    // and pinning-checked and measured at each execution, like prepared statements.
    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        Verdict verdict = gate.admit(sql);
        return new GuardedCallableStatement(delegate.prepareCall(sql), this, gate, verdict);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        Verdict verdict = gate.admit(sql);
        return new GuardedCallableStatement(delegate.prepareCall(sql, resultSetType, resultSetConcurrency), this, gate, verdict);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        Verdict verdict = gate.admit(sql);
        return new GuardedCallableStatement(delegate.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability),
                this, gate, verdict);
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        return new GuardedDatabaseMetaData(delegate.getMetaData(), this, gate);
    }

    // A transaction's end is where a ShardScope opened by code that has since returned is found and closed, so that
    // it does not allow scatter for whatever this thread runs next.
    @Override
    public void commit() throws SQLException {
        ShardScope.closeAbandoned("commit");
        transactionEnded();
        delegate.commit();
    }

    @Override
    public void rollback() throws SQLException {
        ShardScope.closeAbandoned("rollback");
        transactionEnded();
        delegate.rollback();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return gate.escapeHatch().unwrap(this, delegate, type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return gate.escapeHatch().isWrapperFor(this, delegate, type);
    }

    Connection delegate() {
        return delegate;
    }

    @Override
    public String toString() {
        return "GuardedConnection[" + delegate + "]";
    }

    // ---- plain delegation

    @Override
    public void abort(Executor executor) throws SQLException {
        delegate.abort(executor);
    }

    @Override
    public void beginRequest() throws SQLException {
        delegate.beginRequest();
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate.clearWarnings();
    }

    @Override
    public void close() throws SQLException {
        if (sessionKey != null && !delegate.isClosed()) {
            // an auto-commit key scope's session SET must not reach the next user of the pooled connection
            sessionKey = null;
            try {
                boolean autoCommit = delegate.getAutoCommit();
                if (!autoCommit) {
                    delegate.rollback();
                    delegate.setAutoCommit(true);
                }
                send("RESET " + ActiveShardKey.VARIABLE);
            } catch (SQLException e) {
                try {
                    // the key may still be set: the pool must not hand this session out again
                    delegate.abort(Runnable::run);
                } catch (SQLException | RuntimeException abortFailure) {
                    e.addSuppressed(abortFailure);
                }
                delegate.close();
                throw e;
            }
        }
        transactionEnded();
        delegate.close();
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        return delegate.createArrayOf(typeName, elements);
    }

    @Override
    public Blob createBlob() throws SQLException {
        return delegate.createBlob();
    }

    @Override
    public Clob createClob() throws SQLException {
        return delegate.createClob();
    }

    @Override
    public NClob createNClob() throws SQLException {
        return delegate.createNClob();
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        return delegate.createSQLXML();
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        return delegate.createStruct(typeName, attributes);
    }

    @Override
    public void endRequest() throws SQLException {
        delegate.endRequest();
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return delegate.getAutoCommit();
    }

    @Override
    public String getCatalog() throws SQLException {
        return delegate.getCatalog();
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        return delegate.getClientInfo();
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        return delegate.getClientInfo(name);
    }

    @Override
    public int getHoldability() throws SQLException {
        return delegate.getHoldability();
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return delegate.getNetworkTimeout();
    }

    @Override
    public String getSchema() throws SQLException {
        return delegate.getSchema();
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return delegate.getTransactionIsolation();
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        return delegate.getTypeMap();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return delegate.isReadOnly();
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        return delegate.isValid(timeout);
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        return delegate.nativeSQL(sql);
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        delegate.releaseSavepoint(savepoint);
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        delegate.rollback(savepoint);
        if (transactionKeySent) {
            transactionKeyStale = true;
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        delegate.setAutoCommit(autoCommit);
        if (autoCommit) {
            transactionEnded(); // switching auto-commit on commits the transaction
        }
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        delegate.setCatalog(catalog);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        delegate.setClientInfo(properties);
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        delegate.setClientInfo(name, value);
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        delegate.setHoldability(holdability);
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        delegate.setNetworkTimeout(executor, milliseconds);
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        delegate.setReadOnly(readOnly);
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return delegate.setSavepoint();
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        return delegate.setSavepoint(name);
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        delegate.setSchema(schema);
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey) throws SQLException {
        delegate.setShardingKey(shardingKey);
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
        delegate.setShardingKey(shardingKey, superShardingKey);
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
        return delegate.setShardingKeyIfValid(shardingKey, timeout);
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout) throws SQLException {
        return delegate.setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        delegate.setTransactionIsolation(level);
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        delegate.setTypeMap(map);
    }
}
