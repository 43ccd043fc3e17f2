package dev.limitless.pinning.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.PinningRisks;
import java.util.Set;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PinningClassifierTest {

    @ParameterizedTest(name = "{1} pins for {0}")
    @CsvSource(delimiter = '|', textBlock = """
            set             | SET search_path = ledger
            set             | set application_name to 'billing'
            set             | SET SESSION statement_timeout = 5000
            set             | SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ
            set             | RESET search_path
            set             | RESET ALL
            set             | SELECT set_config('app.tenant', ?, false)
            set             | select pg_catalog.set_config('search_path', 'x', false)
            prepare         | PREPARE find_account (uuid) AS SELECT * FROM accounts WHERE account_id = $1
            prepare         | EXECUTE find_account('6f9619ff-8b86-d011-b42d-00cf4fc964ff')
            prepare         | DEALLOCATE find_account
            prepare         | DEALLOCATE ALL
            discard         | DISCARD ALL
            discard         | discard plans
            temp_table      | CREATE TEMP TABLE scratch (id bigint)
            temp_table      | CREATE TEMPORARY TABLE scratch AS SELECT 1
            temp_table      | CREATE GLOBAL TEMPORARY TABLE scratch (id bigint)
            temp_table      | CREATE OR REPLACE TEMP VIEW recent AS SELECT 1
            temp_table      | SELECT * INTO TEMP TABLE scratch FROM accounts
            sequence        | CREATE TEMPORARY SEQUENCE scratch_seq
            sequence        | SELECT nextval('orders_id_seq')
            sequence        | INSERT INTO orders (id, account_id) VALUES (nextval('orders_id_seq'), ?)
            sequence        | SELECT setval('orders_id_seq', 42)
            cursor          | DECLARE big CURSOR WITH HOLD FOR SELECT * FROM transactions
            cursor          | declare c no scroll cursor for select 1
            listen          | LISTEN ledger_events
            load            | LOAD 'auto_explain'
            advisory_lock   | SELECT pg_advisory_lock(42)
            advisory_lock   | SELECT pg_try_advisory_lock(1, 2)
            advisory_lock   | SELECT pg_advisory_lock_shared(?)
            advisory_lock   | select PG_TRY_ADVISORY_LOCK_SHARED(7)
            """)
    void findsEachPinningCause(String reasonTag, String sql) {
        PinningRisks risks = PinningClassifier.classify(sql);

        assertThat(risks.reasons(false)).extracting(PinningReason::tag).containsExactly(reasonTag);
        assertThat(risks.reasons(true)).extracting(PinningReason::tag).containsExactly(reasonTag);
    }

    @ParameterizedTest(name = "{0} does not pin")
    @ValueSource(strings = {
            "SELECT * FROM accounts WHERE account_id = ?",
            "INSERT INTO accounts (account_id, owner) VALUES (?, 'SET search_path = x')",
            "SELECT 'DISCARD ALL', \"listen\" FROM t",
            "SELECT 1 -- SET search_path = x\n",
            "/* PREPARE p AS SELECT 1; */ SELECT 2",
            "SELECT $$ nextval('s') $$",
            "SELECT $body$ LISTEN x $body$",
            "SELECT E'it\\'s nextval(1)'",
            "SELECT pg_advisory_unlock_all()",
            "NOTIFY ledger_events, 'hi'",
            "CREATE TABLE accounts (account_id uuid PRIMARY KEY)",
            "CREATE VIEW v AS SELECT 1",
            "CREATE SEQUENCE orders_id_seq",
            "SELECT currval_like(1), next_value FROM sequences",
            "UPDATE settings SET value = ? WHERE key = ?",
            "PREPARE TRANSACTION 'tx1'",
            "SELECT executed, prepared FROM jobs",
            "WITH loaded AS (SELECT 1) SELECT * FROM loaded",
            "SELECT * FROM temp",
    })
    void leavesHarmlessStatementsAlone(String sql) {
        PinningRisks risks = PinningClassifier.classify(sql);

        assertThat(risks.any()).as(sql).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT pg_advisory_xact_lock(42)", "SELECT pg_try_advisory_xact_lock(42)"})
    void transactionAdvisoryLocksPinNothingButAreMarkedAsAdvisoryLocks(String sql) {
        PinningRisks risks = PinningClassifier.classify(sql);

        assertThat(risks.reasons(false)).as(sql).isEmpty();
        assertThat(risks.reasons(true)).as(sql).isEmpty();
        assertThat(risks.advisoryLock()).as(sql).isTrue();
    }

    @ParameterizedTest(name = "{0} pins only outside a transaction")
    @ValueSource(strings = {
            "SET LOCAL search_path = ledger",
            "set local rds_aurora.limitless_create_table_mode = 'sharded'",
            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ",
            "SET CONSTRAINTS ALL DEFERRED",
            "SELECT set_config('app.tenant', ?, true)",
    })
    void transactionScopedSettingPinsOnlyOutsideAnExplicitTransaction(String sql) {
        PinningRisks risks = PinningClassifier.classify(sql);

        assertThat(risks.transactionScopedSet()).isTrue();
        assertThat(risks.reasons(true)).isEmpty();
        assertThat(risks.reasons(false)).containsExactly(PinningReason.SET);
    }

    @Test
    void statementOverSixteenKilobytesPins() {
        String large = "SELECT * FROM accounts WHERE account_id IN (" + "1, ".repeat(6000) + "1)";
        String justUnder = "SELECT '" + "x".repeat(PinningReason.LARGE_STATEMENT_BYTES - 10) + "'";

        assertThat(PinningClassifier.classify(large).reasons(false)).containsExactly(PinningReason.LARGE_STATEMENT);
        assertThat(PinningClassifier.classify(justUnder).any()).isFalse();
    }

    @Test
    void sizeCountsUtf8BytesNotCharacters() {
        String multiByte = "SELECT '" + "é".repeat(PinningReason.LARGE_STATEMENT_BYTES / 2 + 10) + "'";

        assertThat(multiByte.length()).isLessThan(PinningReason.LARGE_STATEMENT_BYTES);
        assertThat(PinningClassifier.classify(multiByte).reasons(false)).containsExactly(PinningReason.LARGE_STATEMENT);
    }

    @Test
    void findsEveryStatementOfAMultiStatementText() {
        PinningRisks risks = PinningClassifier.classify("SET search_path = x; LISTEN a; SELECT nextval('s')");

        assertThat(risks.reasons(false)).containsExactlyInAnyOrder(PinningReason.SET, PinningReason.LISTEN,
                PinningReason.SEQUENCE);
    }

    @Test
    void auroraCreateTableBlockDoesNotPinBecauseItsSetsAreLocalToTheTransaction() {
        PinningRisks risks = PinningClassifier.classify("""
                BEGIN;
                SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                CREATE TABLE accounts (account_id uuid PRIMARY KEY);
                COMMIT;
                """);

        assertThat(risks.sessionReasons()).isEmpty();
        assertThat(risks.transactionScopedSet()).isTrue();
    }

    @ParameterizedTest(name = "parsed and unparsed agree on {0}")
    @ValueSource(strings = {
            "SELECT * FROM accounts WHERE account_id = ?",
            "SELECT nextval('orders_id_seq')",
            "INSERT INTO orders (id) VALUES (nextval('s'))",
            "UPDATE accounts SET balance = balance + 1 WHERE account_id = ?",
            "DELETE FROM accounts WHERE account_id = ? AND pg_try_advisory_lock(1)",
            "SET search_path = ledger",
            "RESET search_path",
            "CREATE TEMPORARY TABLE scratch (id bigint)",
            "SELECT * INTO scratch FROM accounts",
    })
    void reusesAParsedStatementWithTheSameResult(String sql) throws JSQLParserException {
        var parsed = CCJSqlParserUtil.parse(sql);

        assertThat(PinningClassifier.classify(sql, parsed)).isEqualTo(PinningClassifier.classify(sql));
    }

    @Test
    void reasonTagsAreExactlyTheDocumentedSet() {
        assertThat(Set.of(PinningReason.values())).extracting(PinningReason::tag).containsExactlyInAnyOrder("set",
                "prepare", "temp_table", "cursor", "listen", "advisory_lock", "sequence", "discard", "load",
                "large_statement", "driver_setting");
    }
}
