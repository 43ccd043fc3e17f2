package dev.limitless.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.sql.internal.SqlScript;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;
import org.junit.jupiter.api.Test;

/**
 * A parser the guard re-initializes reads every text as a new parser does, whatever it read before: each statement of
 * both corpora, in a shuffled order and after texts that failed to parse, parsed by parsers from a
 * {@link GuardParser.Pool} of one (so every parse but the first of a parser's life reuses it) and by a new
 * {@link CCJSqlParser}: the same statement tree (as deparsed SQL) or the same failure.
 */
@LimitlessPostgres(shards = 16)
class GuardParserReuseTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    /**
     * The whole analysis (route, tables, key values with their parameter numbers, reasons, pinning risks) of every
     * corpus text is the same from an analyzer that reuses one parser as from one that builds a parser per parse.
     */
    @Test
    void theAnalysisWithAReusedParserIsTheAnalysisWithNewParsers() throws Exception {
        ShardCatalog catalog;
        try (Connection connection = database.connect()) {
            GuardFixture.create(connection);
            catalog = LiveCatalog.load(connection, "public");
        }
        List<String> sqls = new ArrayList<>();
        GuardAdversarialCorpusTest.corpus().forEach(c -> sqls.add(c.sql()));
        GuardCorpusOracleTest.corpus().forEach(c -> sqls.add(c.sql()));
        try (ParseWatchdog watchdog = new ParseWatchdog(60_000)) {
            StatementAnalyzer reusing = analyzer(catalog, watchdog, new GuardParser.Pool(1));
            StatementAnalyzer building = analyzer(catalog, watchdog, new GuardParser.Pool(0));
            for (int round = 0; round < 2; round++) {
                List<String> order = new ArrayList<>(sqls);
                Collections.shuffle(order, new Random(round));
                for (String sql : order) {
                    assertThat(analyze(reusing, sql)).as(sql).isEqualTo(analyze(building, sql));
                }
            }
        }
    }

    private static StatementAnalyzer analyzer(ShardCatalog catalog, ParseWatchdog watchdog, GuardParser.Pool pool) {
        return new StatementAnalyzer(catalog, List.of("public"), 100_000,
                64, 16, watchdog, pool); // the builder's defaults
    }

    private static StatementAnalysis analyze(StatementAnalyzer analyzer, String sql) {
        return analyzer.analyze(sql, Duration.ofMinutes(1), new boolean[1], true);
    }

    @Test
    void aReusedParserReadsEveryCorpusStatementAsANewOne() throws Exception {
        List<String> texts = parseableTexts();
        assertThat(texts).hasSizeGreaterThan(500);
        GuardParser.Pool pool = new GuardParser.Pool(1);
        int reused = 0;
        for (int round = 0; round < 3; round++) {
            List<String> order = new ArrayList<>(texts);
            Collections.shuffle(order, new Random(round));
            for (String text : order) {
                Read fresh = read(new CCJSqlParser(new StringProvider(text)));
                reused += pool.idle();
                GuardParser parser = pool.parserFor(text);
                Read again = read(parser);
                if (again.ended()) {
                    pool.release(parser); // as the analyzer does: only after a parse that ended normally
                }
                assertThat(again).as(text).isEqualTo(fresh);
            }
        }
        assertThat(reused).as("parses that reused a parser").isGreaterThan(texts.size());
    }

    /** What a parse gave: the statement's class and deparsed SQL, or that it failed. */
    private record Read(boolean ended, String tree) {
    }

    private static Read read(CCJSqlParser parser) {
        try {
            Statement statement = parser.Statement();
            return new Read(true, statement == null ? "null" : statement.getClass().getSimpleName() + ": " + statement);
        } catch (Exception | StackOverflowError e) {
            return new Read(false, "failed");
        }
    }

    @Test
    void theWatchdogStopsOnlyAParseThatRunsPastItsDeadline() {
        GuardParser.Pool pool = new GuardParser.Pool(1);
        GuardParser late = pool.parserFor("SELECT 1");
        late.startParse(System.nanoTime() - 1);
        late.interruptIfPast(System.nanoTime());
        assertThat(late.interrupted).isTrue();
        assertThat(pool.release(late)).as("an interrupted parser is not kept").isFalse();

        GuardParser parser = pool.parserFor("SELECT 2");
        parser.startParse(System.nanoTime() + 60_000_000_000L);
        parser.interruptIfPast(System.nanoTime());
        assertThat(parser.interrupted).isFalse();
        parser.endParse();
        parser.interruptIfPast(System.nanoTime() + 120_000_000_000L); // a look that began before the parse ended
        assertThat(parser.interrupted).isFalse();
        assertThat(pool.release(parser)).isTrue();
        assertThat(pool.parserFor("SELECT 3")).isSameAs(parser);
        assertThat(parser.interrupted).isFalse();
    }

    /** Each statement of both corpora as the analyzer hands it to the parser. */
    private static List<String> parseableTexts() throws Exception {
        List<String> sqls = new ArrayList<>();
        GuardAdversarialCorpusTest.corpus().forEach(c -> sqls.add(c.sql()));
        GuardCorpusOracleTest.corpus().forEach(c -> sqls.add(c.sql()));
        List<String> texts = new ArrayList<>();
        for (String sql : sqls) {
            for (SqlScript.Statement piece : SqlScript.split(sql)) {
                if (!piece.commentOnly() && piece.problem() == null) {
                    texts.add(SqlText.scan(piece.sql()).parseable);
                }
            }
        }
        return texts;
    }
}
