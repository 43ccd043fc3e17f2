package dev.limitless.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.TableName;
import dev.limitless.ddl.LimitlessDdl.Style;
import dev.limitless.ddl.LimitlessDdl.Translation;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * AWS's "DDL limitations" page for Aurora PostgreSQL Limitless Database, item by item: every refused form in
 * aws-limitations-schema.sql is reported at its file:line with its rule, and the supported form next to it is not.
 */
class AwsDdlLimitationsTest {

    private final Translation translation = LimitlessDdl.translate(
            SchemaTranslatorTest.resource("aws-limitations-schema.sql"), "aws-limitations-schema.sql",
            SchemaTranslatorTest.catalog("aws-limitations-catalog.yaml"), Style.TRANSACTION_BLOCKS);

    @Test
    void everyRefusedFormIsReportedAtItsLineAndNoSupportedFormIs() {
        Map<Integer, String> expected = new TreeMap<>();
        // table-level ALTER TABLE forms (RENAME COLUMN and SET SCHEMA on line 9 and 14 are supported)
        for (int line : new int[] {8, 10, 11, 12, 13, 15}) {
            expected.put(line, "alter-table-form");
        }
        // column-level forms (SET NOT NULL and SET DEFAULT on lines 26 and 27 are supported)
        for (int line = 17; line <= 25; line++) {
            expected.put(line, "alter-table-form");
        }
        expected.put(29, "alter-table-only");
        expected.put(31, "alter-type-using");
        for (int line = 34; line <= 39; line++) {
            expected.put(line, "foreign-key-options");
        }
        expected.put(43, "create-table-as-reference");
        expected.put(47, "create-schema-elements");
        expected.put(50, "no-cycle-sequence");
        expected.put(52, "no-cycle-sequence");
        expected.put(53, "no-setval");
        expected.put(57, "primary-key-shard-key");
        // what loses single-shard optimization: a security-barrier view, a function that is not immutable, a PL/pgSQL
        // function, generic plans (line 61: security_barrier = false, 63: IMMUTABLE sql, 65: a trigger function, 67: auto)
        for (int line : new int[] {60, 62, 64, 66}) {
            expected.put(line, "single-shard-optimization");
        }
        expected.put(69, "foreign-key-options");
        expected.put(70, "alter-type-using");

        Map<Integer, String> reported = translation.violations().stream().collect(Collectors.toMap(
                violation -> Integer.parseInt(violation.location().substring(violation.location().lastIndexOf(':') + 1)),
                violation -> violation.rule().id(), (a, b) -> a + "," + b, TreeMap::new));

        assertThat(reported).isEqualTo(expected);
        assertThat(translation.violations()).allSatisfy(violation ->
                assertThat(violation.location()).startsWith("aws-limitations-schema.sql:"));
    }

    @Test
    void messagesNameTheFormAndTheFix() {
        assertThat(translation.violations()).map(Violation::toString).contains(
                "aws-limitations-schema.sql:8: error [alter-table-form] public.accounts: ALTER TABLE ... RENAME CONSTRAINT is"
                        + " not supported by Aurora Limitless (AWS, DDL limitations); remove it, or recreate the table with the"
                        + " wanted definition and copy the rows",
                "aws-limitations-schema.sql:29: error [alter-table-only] public.accounts: ALTER TABLE ONLY is not supported by"
                        + " Aurora Limitless; write ALTER TABLE accounts without ONLY (pg_dump writes ONLY: edit its output)");
        assertThat(translation.violations()).filteredOn(v -> v.rule() == Rule.FOREIGN_KEY_OPTIONS)
                .map(Violation::message).anySatisfy(message -> assertThat(message).contains("NOT VALID"))
                .anySatisfy(message -> assertThat(message).contains("ON UPDATE CASCADE"))
                .anySatisfy(message -> assertThat(message).contains("ON DELETE SET NULL"))
                .anySatisfy(message -> assertThat(message).contains("ON DELETE SET DEFAULT"))
                .anySatisfy(message -> assertThat(message).contains("MATCH PARTIAL"));
    }

    @Test
    void whatLosesSingleShardOptimizationIsAWarningThatSaysWhy() {
        assertThat(translation.violations()).filteredOn(v -> v.rule() == Rule.SINGLE_SHARD_OPTIMIZATION)
                .allSatisfy(v -> assertThat(v.warning()).isTrue())
                .anySatisfy(v -> assertThat(v.message()).contains("security_barrier view"))
                .anySatisfy(v -> assertThat(v.message()).contains("function public.account_label: it is not IMMUTABLE"))
                .anySatisfy(v -> assertThat(v.message()).contains("function public.owner_of: it is PL/pgSQL"))
                .anySatisfy(v -> assertThat(v.message()).contains("plan_cache_mode = force_generic_plan"));
    }

    @Test
    void setSearchPathInTheScriptDecidesWhichCatalogTableAnUnqualifiedNameIs() {
        assertThat(translation.violations()).filteredOn(v -> v.rule() == Rule.PRIMARY_KEY_CONTAINS_SHARD_KEY)
                .singleElement().satisfies(v -> assertThat(v.table()).isEqualTo(TableName.of("ledger", "entries")));
        assertThat(translation.script()).contains("SET LOCAL rds_aurora.limitless_create_table_shard_key = '{\"account_id\"}';\n"
                + "CREATE TABLE entries");
    }

    @Test
    void aShardedTableMayBeCreatedWithCreateTableAs() {
        assertThat(translation.script()).contains("SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';\n"
                + "SET LOCAL rds_aurora.limitless_create_table_shard_key = '{\"account_id\"}';\n"
                + "CREATE TABLE account_snapshot AS SELECT * FROM accounts;");
    }
}
