package dev.limitless.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokensTest {

    @Test
    void stringsCommentsAndQuotedIdentifiersAreSingleTokensWithTheirRanges() {
        String sql = "SELECT \"Mixed\"\"Name\", E'a\\'b', $x$ ; $x$ /* c /* d */ */ FROM t -- e\nWHERE a::int >= 1.5";
        List<SqlTokens.Token> tokens = SqlTokens.of(sql);
        assertThat(tokens).extracting(SqlTokens.Token::text).containsExactly(
                "SELECT", "\"Mixed\"\"Name\"", ",", "E'a\\'b'", ",", "$x$ ; $x$", "FROM", "t", "WHERE", "a", "::", "int", ">=", "1.5");
        assertThat(tokens.get(1).identifier()).isEqualTo("Mixed\"Name");
        assertThat(sql.substring(tokens.get(5).start(), tokens.get(5).end())).isEqualTo("$x$ ; $x$");
    }

    @Test
    void unterminatedTextNeverThrows() {
        assertThat(SqlTokens.of("\"").get(0).identifier()).isEmpty();
        assertThat(SqlTokens.of("SELECT \"open").get(1).identifier()).isEqualTo("open");
        assertThat(SqlTokens.of("SELECT 'open")).hasSize(2);
        assertThat(SqlTokens.of("SELECT /* open")).hasSize(1);
        assertThat(SqlTokens.of("SELECT $q$ open")).hasSize(2);
    }
}
