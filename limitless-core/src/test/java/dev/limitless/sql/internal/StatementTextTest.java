package dev.limitless.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementTextTest {

    @Test
    void masksStringLiteralsCollapsesWhiteSpaceAndShortensLongStatements() {
        assertThat(StatementText.shorten("SELECT set_config('app.secret',  'hunter''2', false)"))
                .isEqualTo("SELECT set_config('?', '?', false)");
        assertThat(StatementText.shorten("SET\n  search_path = x")).isEqualTo("SET search_path = x");
        assertThat(StatementText.shorten("SELECT " + "a, ".repeat(200) + "b"))
                .hasSizeLessThan(200).endsWith("... (608 characters)");
    }

    @Test
    void masksEveryLiteralFormAndComment() {
        String masked = StatementText.mask("SELECT $$ssn 078-05-1120$$, $t$x$t$, E'a\\'b', U&'d\\0061t', B'101', X'1F', 42,"
                + " 4.2e1 /* card 4111 */ -- note\n FROM t WHERE a = ? AND b = $1");
        assertThat(masked).doesNotContain("078", "x$t", "a\\'b", "0061", "101", "1F", "42", "4111", "note", "card");
        assertThat(masked).contains("FROM t WHERE a = ? AND b = $1");
    }
}
