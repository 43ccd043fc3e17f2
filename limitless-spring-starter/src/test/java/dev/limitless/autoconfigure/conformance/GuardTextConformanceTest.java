package dev.limitless.autoconfigure.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.autoconfigure.guard.GuardRefusalException;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** docs/guard.md "How a text is read" and the key-binding rule, on the auto-configured task tracker. */
@LimitlessPostgres(shards = 4)
class GuardTextConformanceTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void aTextOfSeveralStatementsIsRefusedWholeWhenOneOfThemScattersAndNothingRuns() {
        TaskTracker.runner(database).run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            UUID board = UUID.randomUUID();
            jdbc.update("INSERT INTO boards (board_id, name, version) VALUES (?, 'kept', 0)", board);
            assertThatThrownBy(() -> jdbc.execute("BEGIN; UPDATE boards SET name = 'lost'; COMMIT"))
                    .isInstanceOf(GuardRefusalException.class);
            assertThatThrownBy(() -> jdbc.execute("SELECT 1 /* limitless:allow-scatter */; DELETE FROM boards"))
                    .isInstanceOf(GuardRefusalException.class);
            assertThat(jdbc.queryForObject("SELECT name FROM boards WHERE board_id = ?", String.class, board)).isEqualTo("kept");
        });
    }

    @Test
    void onlyTheExactHintCommentOptsInAndItOptsInOnlyItsOwnStatement() {
        TaskTracker.runner(database).run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThatThrownBy(() -> jdbc.queryForList("SELECT * FROM boards /* do not add limitless:allow-scatter here */"))
                    .isInstanceOf(GuardRefusalException.class);
            assertThatThrownBy(() -> jdbc.queryForList("SELECT * FROM boards WHERE name = 'x' -- c\r OR true"))
                    .isInstanceOf(GuardRefusalException.class);
            assertThat(jdbc.queryForList("SELECT * FROM boards /* limitless:allow-scatter weekly report */")).isNotNull();
        });
    }

    @Test
    void refusalsShowNoLiteralOfAnyForm() {
        TaskTracker.runner(database).run(context -> assertThatThrownBy(() -> context.getBean(JdbcTemplate.class)
                .queryForList("SELECT * FROM boards WHERE name = $$ssn 078-05-1120$$ OR name = E'card\\'4111' /* note 99 */"))
                .isInstanceOf(GuardRefusalException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("078-05-1120", "4111", "note 99", "card")));
    }

    @Test
    void aKeyBoundWithATypeThatCastsTheKeyColumnIsRefusedBeforeItRuns() {
        TaskTracker.runner(database).run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThatThrownBy(() -> jdbc.queryForList("SELECT * FROM boards WHERE board_id = ?", new BigDecimal("7")))
                    .isInstanceOf(GuardRefusalException.class)
                    .hasMessageContaining("parameter 1");
            assertThat(jdbc.queryForList("SELECT * FROM boards WHERE board_id = ?", UUID.randomUUID())).isEmpty();
        });
    }
}
