package dev.limitless.benchmarks.paired;

import dev.limitless.benchmarks.guard.BenchmarkCatalog;
import dev.limitless.guard.ShardScopeGuard;
import java.util.List;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;

/**
 * The guard's first analysis of a text it has not seen against a bare JSqlParser parse of the same text, both in this
 * JVM, interleaved. The text is {@link BenchmarkCatalog#OLTP_JOIN} (three tables in 200 characters); the analysis
 * (lexing, splitting, the parse on the watchdog's budget, routing, the mention cross-check, pinning risks and the
 * cache entry) may cost at most 1.2 times the parse. Every call of either side sees a new text (a counter in a
 * trailing comment), so nothing is cached, in the guard or in the parser.
 *
 * <p>The guard re-initializes an idle parser for a new text instead of building one (a new parser allocates about
 * 100 KB of tables). The budget is judged against the parse as JSqlParser's API makes it, a new parser per text; a
 * second pair, against a bare parse that re-initializes one parser too (and replaces it after 64 texts, as the guard
 * does), shows what the guard adds beyond a parser that is reused as well; it has no budget.
 */
public final class FirstAnalysisPairs {

    /** Budget of the first analysis over a bare parse of the same text. */
    public static final double BUDGET = 1.20;

    private FirstAnalysisPairs() {
    }

    public static List<PairedRatio> measure(PairedRunner.Settings settings) throws Exception {
        try (ShardScopeGuard guard = ShardScopeGuard.builder(BenchmarkCatalog.LEDGER).cacheSize(1_000).build()) {
            long[] counter = {0};
            PairedRunner.Call parse = () -> new CCJSqlParser(new StringProvider(BenchmarkCatalog.OLTP_JOIN + " -- " + counter[0]++)).Statement();
            PairedRunner.Call analyze = () -> guard.analyze(BenchmarkCatalog.OLTP_JOIN + " -- " + counter[0]++);
            // like the guard's parsers, one re-initialized parser is replaced after 64 texts: a parser that is never
            // replaced keeps growing look-ahead caches and slows down
            CCJSqlParser[] reused = {null};
            int[] uses = {0};
            PairedRunner.Call reusedParse = () -> {
                String text = BenchmarkCatalog.OLTP_JOIN + " -- " + counter[0]++;
                if (reused[0] == null || uses[0]++ == 64) {
                    reused[0] = new CCJSqlParser(new StringProvider(text));
                    uses[0] = 1;
                } else {
                    reused[0].ReInit(new StringProvider(text));
                }
                return reused[0].Statement();
            };
            PairedRunner.warmUp(settings, parse, analyze, reusedParse);
            return List.of(
                    PairedRunner.run("guard first analysis / bare JSqlParser parse, 200-character join", BUDGET, parse,
                            analyze, settings),
                    PairedRunner.run("guard first analysis / bare parse, parser re-initialized (information)",
                            Double.NaN, reusedParse, analyze, settings));
        }
    }
}
