package dev.limitless.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LedgerApplicationStartsTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void startsOnTheEmbeddedDatabaseWithTheLimitlessSchema() {
        List<String> tables = jdbc.sql("SELECT table_name || ':' || table_type || ':' || coalesce(distribution_key, '-')"
                + " FROM rds_aurora.limitless_tables WHERE schema_name = 'public' AND table_name <> 'flyway_schema_history' ORDER BY 1")
                .query(String.class).list();
        // flyway_schema_history_lock: Flyway migrated with limitless' database type (the emulation refuses advisory locks)
        assertThat(tables).containsExactly(
                "accounts:sharded:HASH (account_id)",
                "booking_messages:sharded:HASH (account_id)",
                "currencies:reference:-",
                "flyway_schema_history_lock:standard:-",
                "transactions:sharded:HASH (account_id)");
        Integer groups = jdbc.sql("SELECT count(DISTINCT collocation_id) FROM rds_aurora.limitless_table_collocations"
                + " WHERE table_name IN ('accounts', 'transactions', 'booking_messages')").query(Integer.class).single();
        assertThat(groups).isEqualTo(1);
    }
}
