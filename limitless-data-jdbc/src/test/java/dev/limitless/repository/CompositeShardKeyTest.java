package dev.limitless.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.ShardKey;
import dev.limitless.catalog.ShardedTable;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.relational.core.mapping.Table;

/** A shard key of two columns, as in AWS's {@code '{"item_id", "item_cat"}'} example. */
@LimitlessPostgres(shards = 16)
class CompositeShardKeyTest {

    record StockId(@ShardKey long itemId, @ShardKey String itemCat, String warehouse) {
    }

    @Table("stock")
    @ShardedTable
    static final class Stock {
        @Id
        StockId id;
        int quantity;
        Instant countedAt;
        @Version
        Long version;

        Stock(StockId id, int quantity, Instant countedAt) {
            this.id = id;
            this.quantity = quantity;
            this.countedAt = countedAt;
        }
    }

    interface StockRepository extends ShardedRepository<Stock, StockId> {
        List<Stock> findByIdItemIdAndIdItemCat(long itemId, String itemCat);
    }

    interface HalfKeyRepository extends ShardedRepository<Stock, StockId> {
        List<Stock> findByIdItemId(long itemId);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcRepositories(considerNestedRepositories = true, basePackageClasses = CompositeShardKeyTest.class,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = StockRepository.class))
    static class Repositories {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcRepositories(considerNestedRepositories = true, basePackageClasses = CompositeShardKeyTest.class,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = HalfKeyRepository.class))
    static class HalfKeyRepositories {
    }

    @LimitlessPostgres.Inject
    static TestDatabase database;

    static ShardTouchRecorder recorder;
    static AnnotationConfigApplicationContext context;

    @BeforeAll
    static void start() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"item_id", "item_cat"}';
                    CREATE TABLE stock (item_id bigint, item_cat text, warehouse text, quantity int NOT NULL,
                                        counted_at timestamptz NOT NULL, version bigint NOT NULL,
                                        PRIMARY KEY (item_id, item_cat, warehouse));
                    COMMIT;
                    """);
        }
        recorder = new ShardTouchRecorder(database.dataSource());
        context = RepositoryContexts.start(recorder.dataSource(), Repositories.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void everyOperationOnAFullTwoColumnKeyTouchesOneShard() {
        StockRepository stock = context.getBean(StockRepository.class);
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        Stock north = stock.save(new Stock(new StockId(7, "tools", "north"), 5, now));
        stock.save(new Stock(new StockId(7, "tools", "south"), 3, now.plusSeconds(1)));
        north.quantity = 4;
        stock.save(north);

        assertThat(stock.findByIdItemIdAndIdItemCat(7, "tools")).hasSize(2);
        assertThat(stock.findAllByShardKey(List.of(7L, "tools"), PageRequest.of(0, 10, Sort.by("countedAt"))).getContent())
                .extracting(s -> s.id.warehouse()).containsExactly("north", "south");
        assertThat(stock.countByShardKey(List.of(7L, "tools"))).isEqualTo(2);

        assertThat(recorder.executed()).hasSizeGreaterThan(5).allSatisfy(executed ->
                assertThat(executed.touch().maxShardsPerTable()).as(executed.sql()).isEqualTo(1));
    }

    @Test
    void aShardKeyValueNeedsEveryColumn() {
        StockRepository stock = context.getBean(StockRepository.class);
        assertThatThrownBy(() -> stock.countByShardKey(7L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(item_id, item_cat)")
                .hasMessageContaining("List");
    }

    @Test
    void aDerivedQueryOnHalfTheKeyIsRefusedAtStartUp() {
        assertThatThrownBy(() -> RepositoryContexts.start(database.dataSource(), HalfKeyRepositories.class).close())
                .isInstanceOf(UnscopedRepositoryMethodsException.class)
                .hasMessageContaining("HalfKeyRepository.findByIdItemId(long)")
                .hasMessageContaining("(item_id, item_cat)");
    }
}
