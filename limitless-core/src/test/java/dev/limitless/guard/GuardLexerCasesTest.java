package dev.limitless.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code guard/lexer-cases.txt} (format in its header) against the real PostgreSQL: how many statements
 * PostgreSQL's own lexer runs from each text (simple query protocol, spoken directly on a socket so that no client
 * splits the text), how many PgJDBC runs from it through {@link Statement#execute} (PgJDBC splits multi-statement
 * texts itself and sends each statement on its own), and whether each occurrence of the exact hint is a real comment.
 */
@LimitlessPostgres(shards = 16)
class GuardLexerCasesTest {

    static final String HINT = "/* limitless:allow-scatter */";

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @BeforeAll
    static void createSchema() throws SQLException {
        try (Connection connection = database.connect()) {
            GuardFixture.create(connection);
        }
    }

    record LexerCase(int line, String pg, String jdbc, String hint, String text) {
    }

    static List<LexerCase> cases() throws IOException {
        List<LexerCase> cases = new ArrayList<>();
        try (InputStream in = GuardLexerCasesTest.class.getResourceAsStream("/guard/lexer-cases.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank() || lines[i].startsWith("#")) {
                    continue;
                }
                String[] fields = lines[i].split("\\|", 4);
                cases.add(new LexerCase(i + 1, fields[0], fields[1], fields[2],
                        GuardAdversarialCorpusTest.unescape(fields[3])));
            }
        }
        return cases;
    }

    @Test
    void postgresAndPgJdbcSplitEveryTextAsRecorded() throws Exception {
        List<String> differences = new ArrayList<>();
        List<LexerCase> cases = cases();
        for (LexerCase c : cases) {
            String pg = simpleQuery(c.text()).summary();
            String jdbc = jdbc(c.text());
            String hint = hintComments(c.text());
            String actual = pg + "|" + jdbc + "|" + hint;
            if (!actual.equals(c.pg() + "|" + c.jdbc() + "|" + c.hint())) {
                differences.add("line " + c.line() + ": PostgreSQL says " + actual + "|"
                        + GuardAdversarialCorpusTest.printable(c.text()));
            }
        }
        differences.forEach(System.out::println);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        assertThat(differences).isEmpty();
    }

    /** What PostgreSQL reported for one simple Query message: the command tags, then the error, if any. */
    record Reply(List<String> tags, String errorState) {

        String summary() {
            return tags.size() + (errorState == null ? "" : "+error " + errorState);
        }
    }

    /**
     * For each occurrence of the exact hint, whether it is a real comment: replacing it by a character PostgreSQL's
     * lexer rejects outside strings, comments and quoted identifiers ({@code `}) turns the text into a syntax error
     * only if the hint stood where code can stand. {@code c} for a comment, {@code -} for text (inside a string, dollar quote, quoted identifier,
     * line comment or a larger block comment); first as PostgreSQL reads the whole text (simple query), then, after
     * {@code /}, as PgJDBC sends it; {@code absent} when the text has no occurrence.
     */
    static String hintComments(String text) throws IOException, SQLException {
        if (!text.contains(HINT)) {
            return "absent";
        }
        Reply original = simpleQuery(text);
        String jdbcOriginal = jdbc(text);
        List<String> pg = new ArrayList<>();
        List<String> jdbc = new ArrayList<>();
        for (int at = text.indexOf(HINT); at >= 0; at = text.indexOf(HINT, at + 1)) {
            String probe = text.substring(0, at) + "`" + text.substring(at + HINT.length());
            Reply probed = simpleQuery(probe);
            boolean comment = "42601".equals(probed.errorState()) && !"42601".equals(original.errorState());
            pg.add(comment ? "c" : "-");
            String jdbcProbed = jdbc(probe);
            jdbc.add(jdbcProbed.equals("error 42601") && !jdbcOriginal.equals(jdbcProbed) ? "c" : "-");
        }
        return String.join(",", pg) + "/" + String.join(",", jdbc);
    }

    /** Sends the text as one simple Query message inside a transaction that is rolled back. */
    static Reply simpleQuery(String text) throws IOException {
        URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] startup = ("user\0" + database.username() + "\0database\0" + database.name() + "\0\0")
                    .getBytes(StandardCharsets.UTF_8);
            out.writeInt(8 + startup.length);
            out.writeInt(196608);
            out.write(startup);
            out.flush();
            read(in);
            query(out, "BEGIN");
            read(in);
            query(out, text);
            Reply reply = read(in);
            query(out, "ROLLBACK");
            read(in);
            return reply;
        }
    }

    private static void query(DataOutputStream out, String sql) throws IOException {
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        out.writeByte('Q');
        out.writeInt(4 + bytes.length + 1);
        out.write(bytes);
        out.writeByte(0);
        out.flush();
    }

    /** Reads messages up to ReadyForQuery. */
    private static Reply read(DataInputStream in) throws IOException {
        List<String> tags = new ArrayList<>();
        String errorState = null;
        while (true) {
            int type = in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            switch (type) {
                case 'R' -> {
                    if (body[0] != 0 || body[1] != 0 || body[2] != 0 || body[3] != 0) {
                        throw new IOException("the test server asked for a password; it trusts the superuser on loopback");
                    }
                }
                case 'C' -> tags.add(new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
                case 'I' -> tags.add("EMPTY");
                case 'E' -> errorState = field(body, 'C');
                case 'Z' -> {
                    return new Reply(tags, errorState);
                }
                default -> {
                    // row descriptions, data rows, notices, parameter status, backend key: not needed
                }
            }
        }
    }

    private static String field(byte[] body, char code) {
        int i = 0;
        while (i < body.length && body[i] != 0) {
            int end = i + 1;
            while (body[end] != 0) {
                end++;
            }
            if (body[i] == code) {
                return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
            }
            i = end + 1;
        }
        return "?";
    }

    /** How many results PgJDBC returns for the text through {@link Statement#execute}, or the error's SQLState. */
    static String jdbc(String text) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                int results = 0;
                boolean resultSet = statement.execute(text);
                while (resultSet || statement.getUpdateCount() != -1) {
                    results++;
                    resultSet = statement.getMoreResults();
                }
                return Integer.toString(results);
            } catch (SQLException e) {
                return "error " + e.getSQLState();
            } finally {
                connection.rollback();
            }
        }
    }
}
