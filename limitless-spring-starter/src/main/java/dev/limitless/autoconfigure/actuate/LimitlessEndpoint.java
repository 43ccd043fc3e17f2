package dev.limitless.autoconfigure.actuate;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.guard.Route;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.jdbc.StatementStatistics;
import dev.limitless.pinning.PinningReason;
import dev.limitless.policy.Policy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/limitless}: the shard catalog, the guard and pinning policies, and per guarded DataSource the
 * statements run per route, the refusals, and the statements most often refused or run on every shard (shortened,
 * string literals masked).
 */
@Endpoint(id = "limitless")
public class LimitlessEndpoint {

    static final int TOP = 10;

    private final Supplier<Map<String, GuardedDataSource>> dataSources;

    public LimitlessEndpoint(Supplier<Map<String, GuardedDataSource>> dataSources) {
        this.dataSources = dataSources;
    }

    @ReadOperation
    public LimitlessDescriptor limitless() {
        Map<String, DataSourceDescriptor> described = new LinkedHashMap<>();
        dataSources.get().forEach((name, dataSource) -> described.put(name, describe(dataSource)));
        return new LimitlessDescriptor(described);
    }

    private static DataSourceDescriptor describe(GuardedDataSource dataSource) {
        ShardCatalog catalog = dataSource.guard().catalog();
        List<TableDescriptor> tables = new ArrayList<>();
        for (TableDefinition table : catalog.tables()) {
            tables.add(new TableDescriptor(table.name().toString(), table.mode().auroraName(), table.shardKey(),
                    table.collocateWith() == null ? null : table.collocateWith().toString(), table.source()));
        }
        Policy<Route> policy = dataSource.guard().policy();
        Map<Route, String> guardPolicy = new EnumMap<>(Route.class);
        for (Route route : Route.values()) {
            guardPolicy.put(route, policy.action(route).name().toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, String> pinningPolicy = new LinkedHashMap<>();
        for (PinningReason reason : PinningReason.values()) {
            pinningPolicy.put(reason.tag(), dataSource.pinning().policy().action(reason).name().toLowerCase(java.util.Locale.ROOT));
        }
        StatementStatistics statistics = dataSource.statistics();
        return new DataSourceDescriptor(tables, guardPolicy, pinningPolicy, statistics.executionsByRoute(),
                statistics.refusals(), statistics.topRefused(TOP), statistics.topScatter(TOP));
    }

    /** The endpoint's answer: one entry per guarded DataSource bean. */
    public record LimitlessDescriptor(Map<String, DataSourceDescriptor> dataSources) implements OperationResponseBody {
    }

    /** One guarded DataSource. */
    public record DataSourceDescriptor(List<TableDescriptor> catalog, Map<Route, String> guardPolicy,
            Map<String, String> pinningPolicy, Map<Route, Long> executionsByRoute, long refusals,
            List<StatementStatistics.StatementCount> topRefused, List<StatementStatistics.StatementCount> topScatter) {
    }

    /** One catalog entry and where it was declared. */
    public record TableDescriptor(String table, String mode, List<String> shardKey, String collocateWith, String source) {
    }
}
