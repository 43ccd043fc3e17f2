package dev.limitless.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.EntityTable;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.ShardKey;
import dev.limitless.catalog.ShardedTable;
import dev.limitless.repository.mapping.EntityCatalog;
import dev.limitless.repository.mapping.entities.Account;
import dev.limitless.repository.mapping.entities.Currency;
import dev.limitless.repository.mapping.entities.LedgerEntry;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The entity scan (used before any Spring context exists, to build the catalog) and the repository support (which
 * reads the application's mapping context) name every table and column alike: both read Spring Data JDBC's mapping.
 */
class EntityCatalogAgreesWithMappingTest {

    record Money(long amountCents, String currencyCode) {
    }

    @ShardedTable
    @Table(name = "Orders", schema = "public")
    static class MixedNames {
        @Id
        @ShardKey
        Long customerID;
        @Column("Placed_At")
        java.time.Instant placedAt;
        @Embedded.Nullable(prefix = "total_")
        Money total;
        String HTTPStatus;
    }

    @ParameterizedTest
    @ValueSource(classes = {Account.class, LedgerEntry.class, Currency.class, MixedNames.class})
    void theScanNamesTablesAndColumnsAsSpringDataJdbcDoes(Class<?> type) {
        EntityTable scanned = EntityCatalog.describe(type, "public");
        ShardedEntity mapped = new ShardedEntities(new JdbcMappingContext(), ShardCatalog.empty()).describe(type);

        assertThat(scanned.definition().name()).isEqualTo(mapped.table());
        List<String> mappedColumns = mapped.columns().stream().map(ShardedEntity.MappedColumn::column).toList();
        assertThat(scanned.columns()).map(EntityTable.EntityColumn::column).containsExactlyInAnyOrderElementsOf(mappedColumns);
        assertThat(scanned.definition().shardKey()).isEqualTo(mapped.shardKey().stream().map(ShardedEntity.ShardKeyColumn::column).toList());
    }
}
