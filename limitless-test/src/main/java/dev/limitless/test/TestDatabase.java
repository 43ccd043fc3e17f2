package dev.limitless.test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One database on a {@link PostgresServer}, created for a test class (or an application run) and dropped with
 * {@link #close()}. Its pooled {@link DataSource} is a real HikariCP pool.
 */
public final class TestDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name;
    private final int shards;
    private volatile HikariDataSource dataSource;

    TestDatabase(PostgresServer server, String name, int shards) {
        this.server = server;
        this.name = name;
        this.shards = shards;
    }

    /** The database name (unique per server). */
    public String name() {
        return name;
    }

    /** The JDBC URL of this database. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String username() {
        return server.username();
    }

    public String password() {
        return server.password();
    }

    /** Number of emulated Limitless shards, or {@code 0} when the emulation is not installed. */
    public int shards() {
        return shards;
    }

    /** The server this database lives on. */
    public PostgresServer server() {
        return server;
    }

    /** A HikariCP pool on this database, created on first use and closed with the database. */
    public DataSource dataSource() {
        HikariDataSource current = dataSource;
        if (current == null) {
            synchronized (this) {
                current = dataSource;
                if (current == null) {
                    current = newPool(5);
                    dataSource = current;
                }
            }
        }
        return current;
    }

    /** A new HikariCP pool on this database; the caller closes it. */
    public HikariDataSource newPool(int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setUsername(username());
        config.setPassword(password());
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(0);
        config.setPoolName("limitless-test-" + name);
        return new HikariDataSource(config);
    }

    /** A new unpooled connection to this database. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    @Override
    public void close() {
        HikariDataSource current = dataSource;
        if (current != null) {
            current.close();
        }
        server.dropDatabase(name);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + " on " + server.description() + ", shards=" + shards + "]";
    }
}
