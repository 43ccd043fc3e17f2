package dev.limitless.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.ddl.LimitlessDdl.Style;
import dev.limitless.ddl.LimitlessDdl.Translation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTranslatorTest {

    static String resource(String name) {
        try (InputStream in = SchemaTranslatorTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ShardCatalog catalog(String name) {
        return CatalogFile.parse(resource(name), name, "public");
    }

    @Test
    void wrapsShardedAndReferenceTablesAndMovesTheirForeignKeysAfterTheLastCreateTable() {
        Translation translation = LimitlessDdl.translate(resource("ledger-schema.sql"), "ledger-schema.sql",
                catalog("ledger-catalog.yaml"), Style.TRANSACTION_BLOCKS);

        assertThat(translation.violations()).isEmpty();
        String script = translation.script();
        assertThat(script).contains("""
                -- One row per customer account
                BEGIN;
                SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
                SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
                CREATE TABLE accounts (
                    account_id bigint NOT NULL,
                    owner text NOT NULL,
                    currency char(3) NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (account_id)
                );
                COMMIT;
                """);
        assertThat(script).contains("SET LOCAL rds_aurora.limitless_create_table_collocate_with = 'public.accounts';");
        assertThat(script).contains("""
                    CONSTRAINT transactions_pkey PRIMARY KEY (account_id, transaction_id)
                    -- every transaction belongs to an account
                );
                COMMIT;
                """);
        assertThat(script).contains("""
                ALTER TABLE public.accounts ADD FOREIGN KEY (currency) REFERENCES currencies (code);
                ALTER TABLE public.transactions ADD CONSTRAINT transactions_account_fk FOREIGN KEY (account_id) REFERENCES accounts (account_id) ON DELETE CASCADE;
                """);
        assertThat(script.indexOf("ADD CONSTRAINT transactions_account_fk")).isGreaterThan(script.indexOf("CREATE TABLE audit_log"));
        assertThat(script.indexOf("ADD CONSTRAINT transactions_account_fk")).isLessThan(script.indexOf("CREATE FUNCTION touch()"));
        assertThat(script).contains("CREATE TABLE audit_log (\n    id bigserial PRIMARY KEY,");
        assertThat(script).contains("memo text DEFAULT 'it''s; fine',");
        assertThat(script).contains("NEW.created_at := now(); -- a semicolon inside a dollar quote");
    }

    @Test
    void insideTransactionStyleResetsTheSettingsInsteadOfCommitting() {
        String script = LimitlessDdl.translate(resource("ledger-schema.sql"), "ledger-schema.sql",
                catalog("ledger-catalog.yaml"), Style.INSIDE_TRANSACTION).scriptOrThrow();

        assertThat(script).doesNotContain("BEGIN;\n").doesNotContain("COMMIT;");
        assertThat(script).contains("""
                    PRIMARY KEY (account_id)
                );
                SET LOCAL rds_aurora.limitless_create_table_mode TO DEFAULT;
                SET LOCAL rds_aurora.limitless_create_table_shard_key TO DEFAULT;
                SET LOCAL rds_aurora.limitless_create_table_collocate_with TO DEFAULT;
                """);
        // every table block ends by resetting all three settings, whatever the table used
        int blocks = script.split("SET LOCAL rds_aurora.limitless_create_table_mode = ", -1).length - 1;
        assertThat(script.split("SET LOCAL rds_aurora.limitless_create_table_collocate_with TO DEFAULT;", -1).length - 1)
                .isEqualTo(blocks).isGreaterThan(1);
    }

    @Test
    void reportsEveryBrokenRuleAtOnceWithFileLineTableAndColumn() {
        // A catalog file refuses a sharded name over 54 characters itself (DeclaredNamesTest); a catalog built in code
        // does not, and the DDL check reports it
        List<TableDefinition> tables = new ArrayList<>(catalog("every-rule-catalog.yaml").tables());
        tables.add(TableDefinition.sharded(TableName.of("public", "events_partitioned_by_day_for_a_very_long_retention_period"),
                List.of("customer_id"), null, "every-rule-catalog"));
        Translation translation = LimitlessDdl.translate(resource("every-rule-schema.sql"), "every-rule-schema.sql",
                ShardCatalog.of("public", tables), Style.TRANSACTION_BLOCKS);

        Set<Rule> broken = translation.violations().stream().map(Violation::rule).collect(Collectors.toCollection(() -> EnumSet.noneOf(Rule.class)));
        assertThat(broken).containsExactlyInAnyOrder(Rule.values());
        assertThat(translation.hasErrors()).isTrue();
        assertThat(translation.violations()).map(Violation::toString).contains(
                "every-rule-schema.sql:1: error [reference-primary-key] public.regions: reference table without a primary key; add PRIMARY KEY (...)",
                "every-rule-schema.sql:9: error [primary-key-shard-key] public.customers (customer_id): primary key (email) does not contain shard-key column(s) customer_id; add them to it",
                "every-rule-schema.sql:12: error [no-identity] public.orders (order_id): IDENTITY column on a sharded table; use a sequence default (bigserial) or caller-assigned keys",
                "every-rule-schema.sql:34: warning [sequence-ordering] public.shipments (shipment_id): index shipments_by_id leads with shipment_id, whose values come from a sequence: on Limitless they are unique but not ordered across sessions; order and paginate by a timestamp column instead",
                "every-rule-schema.sql:36: error [shard-key-immutable] public.customers (customer_id): drops shard-key column customer_id; Aurora Limitless refuses it. Create a new table with the new key and copy the data");
        assertThat(translation.violations()).filteredOn(v -> v.rule() == Rule.SIMPLE_CHECK).singleElement()
                .satisfies(v -> assertThat(v.column()).isEqualTo("total"));
        assertThat(translation.violations()).filteredOn(v -> v.rule() == Rule.FOREIGN_KEY_PAIR).singleElement()
                .satisfies(v -> assertThat(v.table().name()).isEqualTo("notes"));
        assertThatThrownBy(translation::scriptOrThrow).isInstanceOf(DdlViolationException.class)
                .hasMessageStartingWith(translation.violations().size() + " Limitless DDL rule(s) broken:");
    }

    @Test
    void catalogTablesMissingFromTheSchemaAreAnInputErrorNamingThem() {
        ShardCatalog catalog = CatalogFile.parse("""
                tables:
                  - name: accounts
                    mode: sharded
                    shardKey: [account_id]
                  - name: ghosts
                    mode: reference
                """, "c.yaml", "public");
        assertThatThrownBy(() -> LimitlessDdl.translate("CREATE TABLE accounts (account_id bigint PRIMARY KEY);", "s.sql",
                catalog, Style.TRANSACTION_BLOCKS))
                .isInstanceOf(DdlInputException.class)
                .hasMessageContaining("public.ghosts").hasMessageNotContaining("public.accounts");
    }

    @Test
    void unterminatedSqlIsAnInputErrorWithFileAndLine() {
        assertThatThrownBy(() -> LimitlessDdl.translate("CREATE TABLE a (x int);\nCREATE TABLE b (y text DEFAULT 'oops);",
                "s.sql", ShardCatalog.empty(), Style.TRANSACTION_BLOCKS))
                .isInstanceOf(DdlInputException.class)
                .hasMessageStartingWith("s.sql:2: cannot read the SQL: unterminated quoted string");
    }

    @Test
    void statementsEndingInALineCommentGetTheirSemicolonOnTheNextLine() {
        ShardCatalog catalog = CatalogFile.parse("tables:\n  - name: t\n    mode: reference\n", "c.yaml", "public");
        String script = LimitlessDdl.translate("CREATE TABLE t (id int PRIMARY KEY) -- the table\n;\nSELECT 1 -- one\n;",
                "s.sql", catalog, Style.TRANSACTION_BLOCKS).scriptOrThrow();

        assertThat(script).contains("CREATE TABLE t (id int PRIMARY KEY) -- the table\n;\nCOMMIT;\n")
                .contains("SELECT 1 -- one\n;\n");
    }

    @Test
    void createTableRefusesTextThatIsNotOneCreateTable() {
        assertThatThrownBy(() -> LimitlessDdl.createTable(dev.limitless.catalog.TableDefinition.reference(
                dev.limitless.catalog.TableName.of("public", "t"), "test"), "CREATE TABLE t (id int); DROP TABLE x", Style.TRANSACTION_BLOCKS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Expected one CREATE TABLE statement for public.t");
    }

    @Test
    void simpleChecksCompareOneColumnWithLiterals() {
        assertThat(DdlChecker.isSimpleCheck("amount > 0")).isTrue();
        assertThat(DdlChecker.isSimpleCheck("status IN ('open', 'closed') AND currency <> ''::text")).isTrue();
        assertThat(DdlChecker.isSimpleCheck("(x BETWEEN -1 AND 9) OR y IS NOT NULL")).isTrue();
        assertThat(DdlChecker.isSimpleCheck("total < discount * 10")).isFalse();
        assertThat(DdlChecker.isSimpleCheck("max_val > 0 AND max_val < 1000 AND max_val > min_val")).isTrue();
        assertThat(DdlChecker.isSimpleCheck("op_date <= now()")).isFalse();
        assertThat(DdlChecker.isSimpleCheck("length(name) > 2")).isFalse();
    }

    @Test
    void shardKeyLiteralQuotesEveryColumnForTheArrayAndTheString() {
        assertThat(LimitlessDdl.shardKeyLiteral(java.util.List.of("item_id", "item_cat"))).isEqualTo("'{\"item_id\", \"item_cat\"}'");
        assertThat(LimitlessDdl.shardKeyLiteral(java.util.List.of("Odd\"Name's"))).isEqualTo("'{\"Odd\\\"Name''s\"}'");
    }
}
