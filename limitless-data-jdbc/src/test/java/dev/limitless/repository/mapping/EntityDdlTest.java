package dev.limitless.repository.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.ShardedTable;
import dev.limitless.ddl.DdlInputException;
import dev.limitless.ddl.DdlViolationException;
import dev.limitless.ddl.LimitlessDdl.Style;
import dev.limitless.ddl.LimitlessDdl.Translation;
import dev.limitless.ddl.Rule;
import dev.limitless.ddl.TypeMapping;
import dev.limitless.repository.mapping.entities.Account;
import dev.limitless.repository.mapping.entities.Currency;
import dev.limitless.repository.mapping.entities.LedgerEntry;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;

@LimitlessPostgres(shards = 4)
class EntityDdlTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void generatedScriptCreatesCollocationTargetsFirstAndRunsOnTheEmulation() throws SQLException {
        TypeMapping types = TypeMapping.defaults().with(BigDecimal.class, "numeric(19, 2)")
                .withColumn(Currency.class, "code", "char(3)");

        Translation generated = EntityDdl.fromEntities("public", types, Style.TRANSACTION_BLOCKS,
                LedgerEntry.class, Account.class, Currency.class);

        assertThat(generated.violations()).isEmpty();
        assertThat(generated.script()).contains("""
                BEGIN;
                SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
                SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
                SET LOCAL rds_aurora.limitless_create_table_collocate_with = 'public.accounts';
                CREATE TABLE public.ledger_entry (
                    account_id bigint NOT NULL,
                    entry_no bigint NOT NULL,
                    value_amount numeric(19, 2),
                    value_currency text,
                    reversed boolean NOT NULL,
                    PRIMARY KEY (account_id, entry_no)
                );
                COMMIT;
                """);
        assertThat(generated.script().indexOf("CREATE TABLE public.accounts")).isLessThan(generated.script().indexOf("CREATE TABLE public.ledger_entry"));
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(generated.script());
            assertThat(rows(statement, "SELECT table_name || ' ' || table_type || coalesce(' ' || distribution_key, '')"
                    + " FROM rds_aurora.limitless_tables WHERE table_type <> 'standard' ORDER BY 1"))
                    .containsExactly("accounts sharded HASH (account_id)", "currency reference", "ledger_entry sharded HASH (account_id)");
            assertThat(rows(statement, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'ledger_entry'::regclass")).containsExactly("4");
            assertThat(rows(statement, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'currency'::regclass AND attname = 'code'")).containsExactly("character(3)");
        }
    }

    @ShardedTable(shardKey = "customer_id")
    static class Order {
        @Id
        Long id;
        Long customerId;
    }

    @Test
    void entityWhoseIdLacksTheShardKeyIsReportedWithTheClassAsLocation() {
        Translation generated = EntityDdl.fromEntities("public", TypeMapping.defaults(), Style.TRANSACTION_BLOCKS, Order.class);

        assertThat(generated.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(Rule.PRIMARY_KEY_CONTAINS_SHARD_KEY);
            assertThat(violation.location()).isEqualTo("entity " + Order.class.getName());
            assertThat(violation.column()).isEqualTo("customer_id");
        });
        assertThatThrownBy(generated::scriptOrThrow).isInstanceOf(DdlViolationException.class)
                .hasMessageContaining("primary key (id) does not contain shard-key column(s) customer_id");
    }

    static class WithRelations {
        @Id
        Long id;
        Map<String, String> attributes;
        java.util.List<Long> children;
    }

    static class WithTime {
        @Id
        Long id;
        java.sql.Time at;
    }

    @Test
    void relationsLiveInTheirOwnTablesAndUnknownColumnTypesNameTheProperty() {
        assertThat(EntityDdl.fromEntities("public", TypeMapping.defaults(), Style.TRANSACTION_BLOCKS, WithRelations.class).script())
                .contains("CREATE TABLE public.with_relations (\n    id bigint NOT NULL,\n    PRIMARY KEY (id)\n);");
        assertThatThrownBy(() -> EntityDdl.fromEntities("public", TypeMapping.defaults(), Style.TRANSACTION_BLOCKS, WithTime.class))
                .isInstanceOf(DdlInputException.class)
                .hasMessageContaining("EntityDdlTest$WithTime.at (java.sql.Time); add one with TypeMapping.with(Time.class");
        assertThat(EntityDdl.fromEntities("public", TypeMapping.defaults().with(java.sql.Time.class, "time"),
                Style.TRANSACTION_BLOCKS, WithTime.class).script()).contains("    at time,\n");
    }

    @org.springframework.data.relational.core.mapping.Table("evil\nDROP TABLE canary; --")
    static class EvilEntity {
        @Id
        Long id;
    }

    @Test
    void aTableNameWithALineBreakIsRefusedBeforeAnyDdlIsGenerated() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS canary (id int)");
            assertThatThrownBy(() -> EntityDdl.fromEntities("public", TypeMapping.defaults(), Style.TRANSACTION_BLOCKS,
                    EvilEntity.class))
                    .isInstanceOf(dev.limitless.catalog.CatalogException.class)
                    .hasMessageContaining(EvilEntity.class.getName())
                    .hasMessageContaining("control character U+000A");
            assertThat(rows(statement, "SELECT to_regclass('public.canary') IS NOT NULL")).containsExactly("t");
        }
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
