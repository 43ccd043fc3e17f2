package dev.limitless.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** What the guarded data source does around one execution, reduced to the metrics calls. */
final class MeasuredJdbc {

    private MeasuredJdbc() {
    }

    static void execute(Connection connection, StatementMeters meters, String sql) throws SQLException {
        StatementSample sample = meters.start();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            sample.success();
        } catch (SQLException | RuntimeException e) {
            sample.error(e);
            throw e;
        }
    }

    static void refuse(StatementMeters meters, String reason) {
        meters.start().refused(reason);
    }

    static void createAccounts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE IF NOT EXISTS accounts (account_id bigint PRIMARY KEY, owner text NOT NULL);
                    COMMIT;
                    INSERT INTO accounts VALUES (1, 'ada') ON CONFLICT DO NOTHING;
                    """);
        }
    }
}
