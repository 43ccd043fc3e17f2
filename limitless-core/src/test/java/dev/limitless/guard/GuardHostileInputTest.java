package dev.limitless.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mutated and random text never makes the guard throw, and a text naming a sharded table is never let through unseen. */
class GuardHostileInputTest {

    static final ShardCatalog CATALOG = CatalogFile.parse("""
            tables:
              - name: accounts
                mode: sharded
                shardKey: [account_id]
              - name: transactions
                mode: sharded
                shardKey: [account_id]
                collocateWith: accounts
              - name: orders
                mode: sharded
                shardKey: [customer_id]
              - name: items
                mode: sharded
                shardKey: [item_id, item_cat]
              - name: currencies
                mode: reference
            """, "test.yaml", "public");

    private static final String NOISE = "()'\"$;-/*, =?:.\n\tselectfromwhereunion0123456789accounts";

    @Test
    void mutatedStatementsAlwaysYieldAnAnalysisWithAReason() throws IOException {
        ShardScopeGuard guard = ShardScopeGuard.of(CATALOG);
        Random random = new Random(42);
        List<String> seeds = new ArrayList<>();
        for (GuardCorpusOracleTest.Case c : GuardCorpusOracleTest.corpus()) {
            seeds.add(c.sql());
        }
        for (int i = 0; i < 3_000; i++) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            String text = mutate(seed, random);
            StatementAnalysis analysis = guard.analyze(text);
            assertThat(analysis.route()).as(text).isNotNull();
            assertThat(analysis.reasons()).as(text).isNotEmpty()
                    .noneMatch(reason -> reason.contains("failed to analyze") || reason.contains("cannot analyze it ("));
            // a text of several statements is refused when one of them is an UNKNOWN naming a sharded table
            boolean unknownSharded = analysis.parts().isEmpty()
                    ? analysis.route() == Route.UNKNOWN && analysis.namesShardedTable()
                    : analysis.parts().stream().anyMatch(p -> p.route() == Route.UNKNOWN && p.namesShardedTable());
            if (unknownSharded) {
                assertThat(guard.verdict(text).refused()).as(text).isTrue();
            }
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !text.isEmpty(); e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 1 -> text.deleteCharAt(at);
                case 2 -> text.setLength(at);
                default -> text.insert(at, text.substring(random.nextInt(text.length())));
            }
        }
        return text.toString();
    }

    @Test
    void randomBytesNeverThrow() {
        ShardScopeGuard guard = ShardScopeGuard.of(CATALOG);
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            char[] chars = new char[random.nextInt(200)];
            for (int k = 0; k < chars.length; k++) {
                chars[k] = random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : NOISE.charAt(random.nextInt(NOISE.length()));
            }
            String text = (random.nextBoolean() ? "SELECT " : "") + new String(chars);
            assertThat(guard.analyze(text).reasons()).as(text).isNotEmpty()
                    .noneMatch(reason -> reason.contains("failed to analyze") || reason.contains("cannot analyze it ("));
        }
    }
}
