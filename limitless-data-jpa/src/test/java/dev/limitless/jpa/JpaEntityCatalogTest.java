package dev.limitless.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.ReferenceTable;
import dev.limitless.catalog.ShardKey;
import dev.limitless.catalog.ShardedTable;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JpaEntityCatalogTest {

    @Entity
    @ShardedTable(collocateWith = "customer_accounts")
    static class PurchaseOrder {
        @EmbeddedId
        OrderKey key;
        @Column(name = "TotalCents")
        long totalCents;
        @ManyToOne
        @JoinColumn(name = "currency_code")
        Currency currency;
    }

    @Embeddable
    static class OrderKey {
        @ShardKey
        UUID customerId;
        long orderNumber;
    }

    @Entity
    @Table(name = "currencies", schema = "ref")
    @ReferenceTable
    static class Currency {
        @Id
        String code;
    }

    @Entity(name = "Person")
    @ShardedTable(shardKey = "home_region")
    static class Customer {
        @Id
        UUID id;
        String homeRegion;
    }

    @Entity
    @ShardedTable(shardKey = "missing")
    static class Broken {
        @Id
        UUID id;
    }

    @Entity
    static class NotSharded {
        @Id
        @ShardKey
        UUID id;
    }

    @Test
    void namesTablesAndColumnsAsSpringBootsHibernateDoes() {
        TableDefinition order = JpaEntityCatalog.describe(PurchaseOrder.class, "public");
        assertThat(order.name()).isEqualTo(new TableName("public", "purchase_order"));
        assertThat(order.mode()).isEqualTo(TableMode.SHARDED);
        // @ShardKey inside the @EmbeddedId, camelCase to snake_case
        assertThat(order.shardKey()).containsExactly("customer_id");
        assertThat(order.collocateWith()).isEqualTo(new TableName("public", "customer_accounts"));

        TableDefinition customer = JpaEntityCatalog.describe(Customer.class, "public");
        assertThat(customer.name().name()).isEqualTo("person"); // the entity name, lower case
        assertThat(customer.shardKey()).containsExactly("home_region");

        TableDefinition currency = JpaEntityCatalog.describe(Currency.class, "public");
        assertThat(currency.name()).isEqualTo(new TableName("ref", "currencies"));
        assertThat(currency.mode()).isEqualTo(TableMode.REFERENCE);
    }

    @Test
    void physicalNamesFollowCamelCaseToUnderscores() {
        assertThat(JpaEntityCatalog.physical("TotalCents")).isEqualTo("total_cents");
        assertThat(JpaEntityCatalog.physical("accountID")).isEqualTo("accountid");
        assertThat(JpaEntityCatalog.physical("\"MixedCase\"")).isEqualTo("MixedCase");
        assertThat(JpaEntityCatalog.physical("a.b")).isEqualTo("a_b");
    }

    @Test
    void refusesShardKeysTheEntityDoesNotMapAndShardKeysOutsideAShardedTable() {
        assertThatThrownBy(() -> JpaEntityCatalog.describe(Broken.class, "public")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("shard-key column missing is not a column of the entity");
        assertThatThrownBy(() -> JpaEntityCatalog.describe(NotSharded.class, "public")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("marks column id with @ShardKey but is not a @ShardedTable");
    }

    @Test
    void scansJpaEntitiesOfAPackage() {
        List<TableName> tables = JpaEntityCatalog.scan("public", JpaEntityCatalogTest.class.getPackageName() + ".scanned")
                .tables().stream().map(TableDefinition::name).toList();
        assertThat(tables).containsExactly(new TableName("public", "scanned_wallets"));
    }
}
