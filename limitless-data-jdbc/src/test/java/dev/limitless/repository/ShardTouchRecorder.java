package dev.limitless.repository;

import dev.limitless.test.oracle.ShardTouch;
import dev.limitless.test.oracle.ShardTouchOracle;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Wraps a DataSource and asks the shard-touch oracle how many shards every prepared statement touches, on the
 * statement's own connection and transaction, just before the statement runs (so an INSERT is judged before its row
 * exists, and nothing waits for locks of the statement's own transaction).
 */
final class ShardTouchRecorder {

    record Executed(String sql, List<Object> parameters, ShardTouch touch) {
        boolean isSelect() {
            return sql.stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT");
        }
    }

    private final DataSource target;
    private final List<Executed> executed = new ArrayList<>();

    ShardTouchRecorder(DataSource target) {
        this.target = target;
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? connection(connection) : result;
                });
    }

    synchronized List<Executed> executed() {
        return List.copyOf(executed);
    }

    synchronized void clear() {
        executed.clear();
    }

    private Connection connection(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")) {
                        return statement((String) args[0], connection, statement);
                    }
                    return result;
                });
    }

    private PreparedStatement statement(String sql, Connection connection, PreparedStatement statement) {
        TreeMap<Integer, Object> parameters = new TreeMap<>();
        List<List<Object>> batch = new ArrayList<>();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                parameters.put(index, name.equals("setNull") ? null : args[1]);
            } else if (name.equals("addBatch") && (args == null || args.length == 0)) {
                batch.add(new ArrayList<>(parameters.values()));
            } else if (name.equals("executeBatch")) {
                for (List<Object> row : batch) {
                    record(connection, sql, row);
                }
            } else if (name.startsWith("execute") && (args == null || args.length == 0)) {
                record(connection, sql, new ArrayList<>(parameters.values()));
            }
            return invoke(statement, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private synchronized void record(Connection connection, String sql, List<Object> parameters) throws SQLException {
        ShardTouch touch = ShardTouchOracle.touches(connection, sql, parameters.toArray());
        executed.add(new Executed(sql, parameters, touch));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
