package dev.limitless.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@LimitlessPostgres(shards = 0)
class LimitlessPostgresExtensionTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @LimitlessPostgres.Inject
    DataSource dataSource;

    @Test
    void injectsOneFreshDatabasePerClass(TestDatabase parameter, DataSource pooled) throws SQLException {
        assertThat(parameter).isSameAs(database);
        assertThat(pooled).isSameAs(dataSource).isSameAs(database.dataSource());
        assertThat(database.name()).startsWith("limitlesspostgresextensiontest_");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(database.name());
            assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(140000);
        }
    }

    @Test
    void plainDatabaseHasNoEmulation() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('rds_aurora.limitless_tables') IS NULL")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    @Test
    void otherRolesMustPresentTheirPassword() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS extension_probe; CREATE ROLE extension_probe LOGIN PASSWORD 'right'");
        }
        try (Connection ok = java.sql.DriverManager.getConnection(database.jdbcUrl(), "extension_probe", "right")) {
            assertThat(ok.isValid(2)).isTrue();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> java.sql.DriverManager.getConnection(database.jdbcUrl(), "extension_probe", "wrong"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheOuterDatabase(TestDatabase parameter) {
            assertThat(parameter).isSameAs(database);
        }
    }
}
