package dev.limitless.sql;

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
}
