package dev.limitless.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.guard.StatementAnalysis;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.metrics.StatementMeters;
import dev.limitless.metrics.StatementOperation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetersByAnalysisTest {

    private static final ShardCatalog CATALOG = CatalogFile.parse("""
            tables:
              - name: accounts
                mode: sharded
                shardKey: [account_id]
            """, "test", "public");

    private final List<StatementAnalysis> resolved = new ArrayList<>();
    private final MetersByAnalysis meters = new MetersByAnalysis(analysis -> {
        resolved.add(analysis);
        return LimitlessMetrics.noop().statementMeters(analysis.route().name(), null, StatementOperation.SELECT);
    });

    @Test
    void resolvesTheMetersOfAnAnalysisOnceAndThenFindsThem() {
        try (ShardScopeGuard guard = ShardScopeGuard.of(CATALOG)) {
            StatementAnalysis analysis = guard.analyze("SELECT owner FROM accounts WHERE account_id = ?");

            StatementMeters first = meters.get(analysis);
            StatementMeters again = meters.get(analysis);

            assertThat(again).isSameAs(first);
            assertThat(resolved).containsExactly(analysis);
        }
    }

    @Test
    void findsMetersByTheIdentityOfTheCachedAnalysisNotByEqualValue() {
        String sql = "SELECT owner FROM accounts WHERE account_id = ?";
        try (ShardScopeGuard one = ShardScopeGuard.of(CATALOG); ShardScopeGuard other = ShardScopeGuard.of(CATALOG)) {
            StatementAnalysis first = one.analyze(sql);
            StatementAnalysis equalButDistinct = other.analyze(sql);

            meters.get(first);
            meters.get(equalButDistinct);

            assertThat(resolved).hasSize(2);
            assertThat(resolved.get(0)).isSameAs(first);
            assertThat(resolved.get(1)).isSameAs(equalButDistinct);
        }
    }
}
