package dev.limitless.test.oracle;

// The example of docs/testing.md ("How many shards does a statement touch"), kept compiling and passing.
// tag::example[]
import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import dev.limitless.test.oracle.ShardTouch;
import dev.limitless.test.oracle.ShardTouchOracle;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@LimitlessPostgres(shards = 16)
class OrderQueriesTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void aLookupByCustomerStaysOnOneShard() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"customer_id"}';
                    CREATE TABLE orders (customer_id uuid, order_id uuid, PRIMARY KEY (customer_id, order_id));
                    COMMIT;""");
            ShardTouch byCustomer = ShardTouchOracle.touches(connection,
                    "SELECT * FROM orders WHERE customer_id = ?", UUID.randomUUID());
            ShardTouch byOrder = ShardTouchOracle.touches(connection,
                    "SELECT * FROM orders WHERE order_id = ?", UUID.randomUUID());

            assertThat(byCustomer.singleShard()).isTrue();
            assertThat(byOrder.touchesEveryShard()).isTrue();      // scatter-gather on Aurora
        }
    }
}
// end::example[]
