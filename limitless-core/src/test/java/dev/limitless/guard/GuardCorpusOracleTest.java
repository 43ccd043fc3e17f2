package dev.limitless.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import dev.limitless.test.oracle.ShardTouch;
import dev.limitless.test.oracle.ShardTouchOracle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Judges the guard against the local emulation's partition pruning on a corpus of several hundred statements:
 * nothing that touches every shard may pass as anything but SCATTER (or a refused UNKNOWN), and refusals of
 * statements that do not touch every shard stay under 2%.
 */
@LimitlessPostgres(shards = 16)
class GuardCorpusOracleTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([vw])}");
    private static final String[][] SPELLINGS = {
        {"7", "8"}, {"?", "?"}, {"'7'::bigint", "'8'::bigint"}, {"CAST(? AS bigint)", "CAST(? AS bigint)"}};

    @LimitlessPostgres.Inject
    static TestDatabase database;

    static ShardCatalog catalog;

    @BeforeAll
    static void createSchema() throws SQLException {
        try (Connection connection = database.connect()) {
            GuardFixture.create(connection);
            catalog = LiveCatalog.load(connection, "public");
        }
    }

    record Case(String sql, List<Object> parameters) {
    }

    static List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = GuardCorpusOracleTest.class.getResourceAsStream("/guard/corpus.sql")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int variants = line.contains("{") ? SPELLINGS.length : 1;
                for (int v = 0; v < variants; v++) {
                    StringBuilder sql = new StringBuilder();
                    List<Object> parameters = new ArrayList<>();
                    Matcher matcher = PLACEHOLDER.matcher(line);
                    while (matcher.find()) {
                        int which = matcher.group(1).equals("v") ? 0 : 1;
                        String spelling = SPELLINGS[v][which];
                        if (spelling.contains("?")) {
                            parameters.add(which == 0 ? 7L : 8L);
                        }
                        matcher.appendReplacement(sql, Matcher.quoteReplacement(spelling));
                    }
                    matcher.appendTail(sql);
                    cases.add(new Case(sql.toString(), parameters));
                }
            }
        }
        return cases;
    }

    @Test
    void noStatementThatTouchesEveryShardPassesAndFewAreOverRefused() throws Exception {
        ShardScopeGuard guard = ShardScopeGuard.of(catalog);
        List<String> missedScatter = new ArrayList<>();
        List<String> overRefused = new ArrayList<>();
        List<String> singleButMany = new ArrayList<>();
        int judged = 0;
        try (Connection connection = database.connect()) {
            for (Case c : corpus()) {
                ShardTouch touch;
                try {
                    touch = ShardTouchOracle.touches(connection, c.sql(), c.parameters().toArray());
                } catch (SQLException invalid) {
                    continue; // PostgreSQL rejects it: nothing to judge
                }
                judged++;
                Verdict verdict = guard.verdict(c.sql());
                String line = verdict.route() + " refused=" + verdict.refused() + " oracle=" + touch.shardsByTable()
                        + " : " + c.sql() + " " + verdict.reasons();
                if (touch.touchesEveryShard() && verdict.route() != Route.SCATTER
                        && !(verdict.route() == Route.UNKNOWN && verdict.refused())) {
                    missedScatter.add(line);
                }
                if (verdict.refused() && verdict.analysis().violation() == null && !touch.touchesEveryShard()) {
                    overRefused.add(line);
                }
                if (verdict.route() == Route.SINGLE_SHARD && touch.shards() > 1) {
                    singleButMany.add(line);
                }
            }
        }
        System.out.println("judged " + judged + ", over-refused " + overRefused.size());
        overRefused.forEach(l -> System.out.println("OVER " + l));
        singleButMany.forEach(l -> System.out.println("SINGLE>1 " + l));
        assertThat(judged).isGreaterThanOrEqualTo(300);
        assertThat(missedScatter).isEmpty();
        assertThat(singleButMany).isEmpty();
        assertThat(overRefused.size()).isLessThan(judged / 50);
    }
}
