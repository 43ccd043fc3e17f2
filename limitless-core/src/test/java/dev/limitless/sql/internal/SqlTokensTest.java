package dev.limitless.sql.internal;

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

    @Test
    void aLineCommentEndsAtCarriageReturnAsInPostgres() {
        List<SqlTokens.Token> tokens = SqlTokens.of("SELECT 1 -- note\r OR true");
        assertThat(tokens).extracting(SqlTokens.Token::text).containsExactly("SELECT", "1", "OR", "true");
    }

    @Test
    void aDollarAfterAnIdentifierCharacterStartsNoQuote() {
        assertThat(SqlTokens.of("SELECT 1 AS €$x$; DELETE FROM t")).extracting(SqlTokens.Token::text)
                .containsExactly("SELECT", "1", "AS", "€$x$", ";", "DELETE", "FROM", "t");
        assertThat(SqlTokens.of("SELECT $€$ a $€$")).extracting(SqlTokens.Token::kind)
                .containsExactly(SqlTokens.Kind.WORD, SqlTokens.Kind.STRING);
        assertThat(SqlTokens.of("SELECT $1, $2")).extracting(SqlTokens.Token::text).containsExactly("SELECT", "$1", ",", "$2");
    }

    @Test
    void unicodeIdentifiersAreDecodedAndOnlyAsciiIsFolded() {
        List<SqlTokens.Token> tokens = SqlTokens.of("SELECT * FROM U&\"\\006f\\0072ders\", ÄBC");
        assertThat(tokens.get(3).identifier()).isEqualTo("orders");
        assertThat(tokens.get(5).identifier()).isEqualTo("Äbc");
        assertThat(SqlTokens.of("SELECT * FROM U&\"!006frders\" UESCAPE '!'").get(3).identifier()).isEqualTo("orders");
    }

    @Test
    void backslashesEndStringsOnlyWhenStandardConformingStringsIsOff() {
        String sql = "SELECT '\\' /* c */ ', x";
        SqlTokens.Scan on = SqlTokens.scan(sql, true);
        SqlTokens.Scan off = SqlTokens.scan(sql, false);
        assertThat(on.comments()).hasSize(1);
        assertThat(off.comments()).isEmpty();
        assertThat(on.backslashInPlainString()).isTrue();
        assertThat(on.sameShape(off)).isFalse();
        assertThat(SqlTokens.scan("SELECT E'a\\'b'").comments()).isEmpty();
    }

    @Test
    void formFeedIsWhiteSpaceButVerticalTabIsNotAndNonBreakingSpaceIsAnIdentifierCharacter() {
        assertThat(SqlTokens.of("SELECT\f1\f")).hasSize(2);
        assertThat(SqlTokens.of("SELECT\u000B1")).hasSize(3);
        assertThat(SqlTokens.of("SELECT\u00A01")).hasSize(1);
    }
}
