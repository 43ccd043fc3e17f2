package dev.limitless.jdbc;

import dev.limitless.guard.KeyBindings;
import dev.limitless.guard.Verdict;
import dev.limitless.metrics.StatementSample;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A prepared statement whose SQL passed the guard when it was prepared; each execution passes the pinning policy
 * (the auto-commit state may have changed since) and is measured with the verdict's route and table.
 *
 * @param <P> the driver's statement type
 */
class GuardedPreparedStatement<P extends PreparedStatement> extends GuardedStatement<P> implements PreparedStatement {

    /** The verdict given at prepare time: its analysis tags the executions below and carries their pinning risks. */
    final Verdict verdict;
    /** The statement's shard-key parameters, told what is bound to them; {@code null} when it has none. */
    private final KeyBindings keyBindings;

    GuardedPreparedStatement(P delegate, Connection connection, StatementGate gate, Verdict verdict) {
        super(delegate, connection, gate);
        this.verdict = verdict;
        this.keyBindings = gate.keyBindings(verdict);
    }

    /** Before an execution: a key bound with a type that casts the key column reads every shard. */
    private void checkKeyBindings() throws SQLException {
        if (keyBindings != null) {
            keyBindings.check();
        }
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        checkKeyBindings();
        StatementSample sample = gate.start(verdict.analysis(), connection);
        try {
            ResultSet result = delegate.executeQuery();
            sample.success();
            return wrap(result);
        } catch (SQLException | RuntimeException e) {
            sample.error(e);
            throw e;
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        checkKeyBindings();
        StatementSample sample = gate.start(verdict.analysis(), connection);
        try {
            int result = delegate.executeUpdate();
            sample.success();
            return result;
        } catch (SQLException | RuntimeException e) {
            sample.error(e);
            throw e;
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        checkKeyBindings();
        StatementSample sample = gate.start(verdict.analysis(), connection);
        try {
            long result = delegate.executeLargeUpdate();
            sample.success();
            return result;
        } catch (SQLException | RuntimeException e) {
            sample.error(e);
            throw e;
        }
    }

    @Override
    public boolean execute() throws SQLException {
        checkKeyBindings();
        StatementSample sample = gate.start(verdict.analysis(), connection);
        try {
            boolean result = delegate.execute();
            sample.success();
            return result;
        } catch (SQLException | RuntimeException e) {
            sample.error(e);
            throw e;
        }
    }

    /** A batch of one prepared text is measured as one statement. */
    @Override
    public int[] executeBatch() throws SQLException {
        checkKeyBindings();
        StatementSample sample = gate.start(verdict.analysis(), connection);
        try {
            int[] result = delegate.executeBatch();
            sample.success();
            return result;
        } catch (SQLException | RuntimeException e) {
            sample.error(e);
            throw e;
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkKeyBindings();
        StatementSample sample = gate.start(verdict.analysis(), connection);
        try {
            long[] result = delegate.executeLargeBatch();
            sample.success();
            return result;
        } catch (SQLException | RuntimeException e) {
            sample.error(e);
            throw e;
        }
    }

    // ---- plain delegation

    @Override
    public void addBatch() throws SQLException {
        checkKeyBindings();
        delegate.addBatch();
    }

    @Override
    public void clearParameters() throws SQLException {
        delegate.clearParameters();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return delegate.getMetaData();
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        return delegate.getParameterMetaData();
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        delegate.setArray(parameterIndex, x);
    }

    @Override
    public void setAsciiStream(int parameterIndex, java.io.InputStream x) throws SQLException {
        delegate.setAsciiStream(parameterIndex, x);
    }

    @Override
    public void setAsciiStream(int parameterIndex, java.io.InputStream x, int length) throws SQLException {
        delegate.setAsciiStream(parameterIndex, x, length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, java.io.InputStream x, long length) throws SQLException {
        delegate.setAsciiStream(parameterIndex, x, length);
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        if (keyBindings != null) {
            keyBindings.bound(parameterIndex, x);
        }
        delegate.setBigDecimal(parameterIndex, x);
    }

    @Override
    public void setBinaryStream(int parameterIndex, java.io.InputStream x) throws SQLException {
        delegate.setBinaryStream(parameterIndex, x);
    }

    @Override
    public void setBinaryStream(int parameterIndex, java.io.InputStream x, int length) throws SQLException {
        delegate.setBinaryStream(parameterIndex, x, length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, java.io.InputStream x, long length) throws SQLException {
        delegate.setBinaryStream(parameterIndex, x, length);
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        delegate.setBlob(parameterIndex, x);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        delegate.setBlob(parameterIndex, inputStream);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        delegate.setBlob(parameterIndex, inputStream, length);
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        delegate.setBoolean(parameterIndex, x);
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        if (keyBindings != null) {
            keyBindings.bound(parameterIndex, x);
        }
        delegate.setByte(parameterIndex, x);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        delegate.setBytes(parameterIndex, x);
    }

    @Override
    public void setCharacterStream(int parameterIndex, java.io.Reader reader) throws SQLException {
        delegate.setCharacterStream(parameterIndex, reader);
    }

    @Override
    public void setCharacterStream(int parameterIndex, java.io.Reader reader, int length) throws SQLException {
        delegate.setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, java.io.Reader reader, long length) throws SQLException {
        delegate.setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        delegate.setClob(parameterIndex, x);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        delegate.setClob(parameterIndex, reader);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        delegate.setClob(parameterIndex, reader, length);
    }

    @Override
    public void setDate(int parameterIndex, java.sql.Date x) throws SQLException {
        delegate.setDate(parameterIndex, x);
    }

    @Override
    public void setDate(int parameterIndex, java.sql.Date x, Calendar cal) throws SQLException {
        delegate.setDate(parameterIndex, x, cal);
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        if (keyBindings != null) {
            keyBindings.bound(parameterIndex, x);
        }
        delegate.setDouble(parameterIndex, x);
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        if (keyBindings != null) {
            keyBindings.bound(parameterIndex, x);
        }
        delegate.setFloat(parameterIndex, x);
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        if (keyBindings != null) {
            keyBindings.bound(parameterIndex, x);
        }
        delegate.setInt(parameterIndex, x);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        if (keyBindings != null) {
            keyBindings.bound(parameterIndex, x);
        }
        delegate.setLong(parameterIndex, x);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        delegate.setNCharacterStream(parameterIndex, value);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        delegate.setNCharacterStream(parameterIndex, value, length);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        delegate.setNClob(parameterIndex, value);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        delegate.setNClob(parameterIndex, reader);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        delegate.setNClob(parameterIndex, reader, length);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        delegate.setNString(parameterIndex, value);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        if (keyBindings != null) {
            keyBindings.bound(parameterIndex, null);
        }
        delegate.setNull(parameterIndex, sqlType);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        if (keyBindings != null) {
            keyBindings.bound(parameterIndex, null);
        }
        delegate.setNull(parameterIndex, sqlType, typeName);
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        if (keyBindings != null) {
            keyBindings.bound(parameterIndex, x);
        }
        delegate.setObject(parameterIndex, x);
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        if (keyBindings != null) {
            keyBindings.boundAs(parameterIndex, targetSqlType == null || targetSqlType.getVendorTypeNumber() == null
                    ? java.sql.Types.OTHER : targetSqlType.getVendorTypeNumber());
        }
        delegate.setObject(parameterIndex, x, targetSqlType);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        if (keyBindings != null) {
            keyBindings.boundAs(parameterIndex, targetSqlType);
        }
        delegate.setObject(parameterIndex, x, targetSqlType);
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        if (keyBindings != null) {
            keyBindings.boundAs(parameterIndex, targetSqlType == null || targetSqlType.getVendorTypeNumber() == null
                    ? java.sql.Types.OTHER : targetSqlType.getVendorTypeNumber());
        }
        delegate.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        if (keyBindings != null) {
            keyBindings.boundAs(parameterIndex, targetSqlType);
        }
        delegate.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        delegate.setRef(parameterIndex, x);
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        delegate.setRowId(parameterIndex, x);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        delegate.setSQLXML(parameterIndex, xmlObject);
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        if (keyBindings != null) {
            keyBindings.bound(parameterIndex, x);
        }
        delegate.setShort(parameterIndex, x);
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        if (keyBindings != null) {
            keyBindings.bound(parameterIndex, x);
        }
        delegate.setString(parameterIndex, x);
    }

    @Override
    public void setTime(int parameterIndex, java.sql.Time x) throws SQLException {
        delegate.setTime(parameterIndex, x);
    }

    @Override
    public void setTime(int parameterIndex, java.sql.Time x, Calendar cal) throws SQLException {
        delegate.setTime(parameterIndex, x, cal);
    }

    @Override
    public void setTimestamp(int parameterIndex, java.sql.Timestamp x) throws SQLException {
        delegate.setTimestamp(parameterIndex, x);
    }

    @Override
    public void setTimestamp(int parameterIndex, java.sql.Timestamp x, Calendar cal) throws SQLException {
        delegate.setTimestamp(parameterIndex, x, cal);
    }

    @Override
    public void setURL(int parameterIndex, java.net.URL x) throws SQLException {
        delegate.setURL(parameterIndex, x);
    }

    @Override
    public void setUnicodeStream(int parameterIndex, java.io.InputStream x, int length) throws SQLException {
        delegate.setUnicodeStream(parameterIndex, x, length);
    }
}
