package dev.limitless.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.ShardedTable;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import dev.limitless.repository.Ledger.Account;
import dev.limitless.repository.Ledger.Currency;
import dev.limitless.repository.Ledger.Transaction;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.Table;

class ShardedEntitiesTest {

    private final JdbcMappingContext mapping = new JdbcMappingContext();
    private final ShardedEntities entities = new ShardedEntities(mapping, ShardCatalog.empty());

    @Test
    void shardKeyThatIsTheIdCoversTheId() {
        ShardedEntity account = entities.describe(Account.class);
        assertThat(account.table()).isEqualTo(TableName.of("public", "accounts"));
        assertThat(account.mode()).isEqualTo(TableMode.SHARDED);
        assertThat(account.shardKey()).singleElement().satisfies(key -> {
            assertThat(key.column()).isEqualTo("account_id");
            assertThat(key.propertyPath()).isEqualTo("accountId");
            assertThat(key.inId()).isTrue();
        });
        assertThat(account.compositeId()).isFalse();
        assertThat(account.tellsNewFromPersisted()).isTrue();
    }

    @Test
    void shardKeyFieldOfACompositeIdIsFoundThroughSpringDataMapping() {
        ShardedEntity transaction = entities.describe(Transaction.class);
        assertThat(transaction.shardKey()).singleElement().satisfies(key -> {
            assertThat(key.column()).isEqualTo("account_id");
            assertThat(key.propertyPath()).isEqualTo("id.accountId");
            assertThat(key.inId()).isTrue();
        });
        assertThat(transaction.compositeId()).isTrue();
        assertThat(transaction.columns()).extracting(ShardedEntity.MappedColumn::column)
                .containsExactlyInAnyOrder("account_id", "transaction_id", "amount", "currency", "created_at", "version");
    }

    @Test
    void readsShardKeyValuesThroughNestedPathsAndNullIds() {
        ShardedEntity transaction = entities.describe(Transaction.class);
        UUID accountId = UUID.randomUUID();
        Transaction withKey = new Transaction(new Ledger.TransactionId(accountId, UUID.randomUUID()), null, "EUR", null);
        Transaction withoutId = new Transaction(null, null, "EUR", null);
        var persistent = mapping.getRequiredPersistentEntity(Transaction.class);
        assertThat(transaction.shardKeyValues(persistent, withKey)).containsExactly(accountId);
        assertThat(transaction.shardKeyValues(persistent, withoutId)).containsExactly((Object) null);
    }

    @Test
    void referenceEntitiesHaveNoShardKey() {
        assertThat(entities.describe(Currency.class).mode()).isEqualTo(TableMode.REFERENCE);
        assertThat(entities.describe(Currency.class).shardKey()).isEmpty();
    }

    @Table("events")
    record Event(@Id Long id, @Column("tenant") String tenantId, @Embedded.Nullable(prefix = "origin_") Origin origin) {
    }

    record Origin(String region, String zone) {
    }

    @Test
    void unannotatedEntityTakesModeAndKeyFromTheCatalogWithMappedColumnNames() {
        ShardCatalog catalog = ShardCatalog.of("public", List.of(TableDefinition.sharded(TableName.of("public", "events"),
                List.of("tenant", "origin_region"), null, "catalog.yaml:3")));
        ShardedEntity event = new ShardedEntities(mapping, catalog).describe(Event.class);
        assertThat(event.shardKey()).extracting(ShardedEntity.ShardKeyColumn::propertyPath).containsExactly("tenantId", "origin.region");
        assertThat(event.idCoversShardKey()).isFalse();
        assertThat(event.tellsNewFromPersisted()).isFalse();
    }

    @Table("wrong")
    @ShardedTable(shardKey = "customer_id")
    record Wrong(@Id UUID accountId) {
    }

    @Test
    void shardKeyColumnThatIsNotMappedIsAnError() {
        assertThatThrownBy(() -> entities.describe(Wrong.class))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("shard key column customer_id")
                .hasMessageContaining("[account_id]");
    }
}
