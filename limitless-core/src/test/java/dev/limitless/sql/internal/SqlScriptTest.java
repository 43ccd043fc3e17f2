package dev.limitless.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtTopLevelSemicolonsWithLineNumbers() {
        List<SqlScript.Statement> statements = SqlScript.split("SELECT 1;\n\nSELECT 2;\n  SELECT 3");
        assertThat(statements).extracting(SqlScript.Statement::sql).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(1, 3, 4);
    }

    @Test
    void ignoresSemicolonsInStringsIdentifiersCommentsAndDollarQuotes() {
        String script = """
                SELECT 'a;b', 'it''s;', E'x\\';y' FROM "odd;name"; -- c;d
                /* block ; /* nested ; */ still */ SELECT 2;
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
                DO $$ BEGIN PERFORM 1; END $$;
                SELECT $1, a$b FROM t WHERE x = $2;
                """;
        List<SqlScript.Statement> statements = SqlScript.split(script);
        assertThat(statements).extracting(SqlScript.Statement::sql).containsExactly(
                "SELECT 'a;b', 'it''s;', E'x\\';y' FROM \"odd;name\"",
                "-- c;d\n/* block ; /* nested ; */ still */ SELECT 2",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$",
                "DO $$ BEGIN PERFORM 1; END $$",
                "SELECT $1, a$b FROM t WHERE x = $2");
        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(1, 1, 3, 4, 5);
        assertThat(statements).allSatisfy(s -> assertThat(s.problem()).isNull());
    }

    @Test
    void reportsUnterminatedTextInsteadOfThrowing() {
        assertThat(SqlScript.split("SELECT 1;\nSELECT 'oops")).last()
                .satisfies(s -> assertThat(s.problem()).isEqualTo("unterminated quoted string starting at line 2"));
        assertThat(SqlScript.split("SELECT /* never closed")).last()
                .satisfies(s -> assertThat(s.problem()).isEqualTo("unterminated block comment starting at line 1"));
        assertThat(SqlScript.split("SELECT $x$ open")).last()
                .satisfies(s -> assertThat(s.problem()).startsWith("unterminated dollar-quoted string $x$"));
    }

    @Test
    void marksCommentOnlyPieces() {
        List<SqlScript.Statement> statements = SqlScript.split("SELECT 1; -- trailing note\n");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(1).commentOnly()).isTrue();
        assertThat(statements.get(0).commentOnly()).isFalse();
    }

    @Test
    void emptyPiecesAreSkipped() {
        assertThat(SqlScript.split(";;  ;\n")).isEmpty();
    }
}
