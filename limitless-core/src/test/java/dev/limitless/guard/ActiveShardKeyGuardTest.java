package dev.limitless.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The guard inside {@code ShardScope.forKey}: what Aurora appends the key to, and what it rejects. */
class ActiveShardKeyGuardTest {

    private static final ShardCatalog CATALOG = ShardCatalog.of("public", List.of(
            TableDefinition.sharded(new TableName("public", "tenants"), List.of("tenant_id"), null, "test"),
            TableDefinition.sharded(new TableName("public", "invoices"), List.of("tenant_id"), new TableName("public", "tenants"), "test"),
            TableDefinition.sharded(new TableName("public", "devices"), List.of("device_id"), null, "test"),
            TableDefinition.sharded(new TableName("public", "pairs"), List.of("region", "tenant_id"), null, "test"),
            TableDefinition.reference(new TableName("public", "currencies"), "test")));

    private final ShardScopeGuard guard = ShardScopeGuard.of(CATALOG);

    @Test
    void keyLessStatementsOnCompatibleTablesAreSingleShardInsideAKeyScope() throws Exception {
        assertThatThrownBy(() -> guard.check("SELECT * FROM invoices WHERE status = 'open'"))
                .isInstanceOf(ScatterRefusedException.class);
        try (ShardScope scope = ShardScope.forKey(42L)) {
            assertThat(guard.check("SELECT * FROM invoices WHERE status = 'open'").route()).isEqualTo(Route.SINGLE_SHARD);
            assertThat(guard.check("UPDATE invoices SET status = 'paid' WHERE invoice_id = ?").route()).isEqualTo(Route.SINGLE_SHARD);
            assertThat(guard.check("DELETE FROM invoices WHERE status = 'void'").route()).isEqualTo(Route.SINGLE_SHARD);
            assertThat(guard.check("SELECT * FROM invoices WHERE tenant_id IN (1, 2, 3)").route()).isEqualTo(Route.SINGLE_SHARD);
            Verdict join = guard.check("SELECT * FROM tenants t JOIN invoices i ON i.invoice_id = t.last_invoice"
                    + " JOIN currencies c ON c.code = i.currency");
            assertThat(join.route()).isEqualTo(Route.SINGLE_SHARD);
            assertThat(join.reasons()).singleElement().asString().contains("active shard key").doesNotContain("42");
            assertThat(guard.check("SELECT * FROM devices").route()).isEqualTo(Route.SINGLE_SHARD);
            assertThat(guard.check("SELECT * FROM currencies").route()).isEqualTo(Route.REFERENCE);
        }
        assertThatThrownBy(() -> guard.check("SELECT * FROM invoices WHERE status = 'open'"))
                .as("the scope is closed").isInstanceOf(ScatterRefusedException.class);
    }

    @Test
    void insertOmittingTheKeyIsAllowedOnlyInsideAKeyScope() throws Exception {
        String insert = "INSERT INTO invoices (invoice_id, status) VALUES (?, ?)";
        assertThatThrownBy(() -> guard.check(insert)).isInstanceOf(MissingShardKeyException.class);
        try (ShardScope scope = ShardScope.forKey("t-1")) {
            assertThat(guard.check(insert).refused()).isFalse();
            assertThatThrownBy(() -> guard.check("UPDATE invoices SET tenant_id = ? WHERE invoice_id = ?"))
                    .as("a shard-key update stays refused").isInstanceOf(ShardKeyUpdateException.class);
        }
    }

    @Test
    void refusesTablesOfAnotherKeyArityBeforeSending() {
        try (ShardScope scope = ShardScope.forKey(42L)) {
            assertThatThrownBy(() -> guard.check("SELECT * FROM pairs WHERE note = ?"))
                    .isInstanceOf(ActiveShardKeyException.class)
                    .hasMessageContaining("public.pairs").hasMessageContaining("2 column(s)")
                    .hasMessageContaining("1 value").hasMessageNotContaining("42");
            assertThat(guard.verdict("SELECT * FROM pairs").refused()).isTrue();
        }
        try (ShardScope scope = ShardScope.forKey("eu", 42L)) {
            assertThat(guard.verdict("SELECT * FROM pairs").route()).isEqualTo(Route.SINGLE_SHARD);
            assertThatThrownBy(() -> guard.check("SELECT * FROM invoices")).isInstanceOf(ActiveShardKeyException.class);
        }
    }

    @Test
    void refusesJoinsAcrossCollocationGroups() {
        try (ShardScope scope = ShardScope.forKey(42L)) {
            assertThatThrownBy(() -> guard.check("SELECT * FROM invoices i JOIN devices d ON d.device_id = i.device_id"))
                    .isInstanceOf(ActiveShardKeyException.class)
                    .hasMessageContaining("different collocation groups")
                    .hasMessageContaining("public.invoices").hasMessageContaining("public.devices");
        }
    }

    @Test
    void scatterInsideAKeyScopeNeedsANestedOptInThatSuspendsTheKey() throws Exception {
        try (ShardScope key = ShardScope.forKey(42L)) {
            assertThat(ShardScope.activeKey()).isEqualTo(ActiveShardKey.of(42L));
            assertThat(ShardScope.scatterAllowed()).isFalse();
            try (ShardScope report = ShardScope.allowScatter("cross-tenant report")) {
                assertThat(ShardScope.activeKey()).isNull();
                assertThat(ShardScope.suspendedKey()).isEqualTo(ActiveShardKey.of(42L));
                assertThat(guard.check("SELECT * FROM invoices WHERE status = 'open'").route()).isEqualTo(Route.SCATTER);
                assertThatThrownBy(() -> guard.check("INSERT INTO invoices (invoice_id) VALUES (1)"))
                        .as("without the key an insert must name it again").isInstanceOf(MissingShardKeyException.class);
                try (ShardScope inner = ShardScope.forKey(7L)) {
                    assertThat(ShardScope.scatterAllowed()).isFalse();
                    assertThat(ShardScope.activeKey()).isEqualTo(ActiveShardKey.of(7L));
                }
            }
            assertThat(ShardScope.activeKey()).isEqualTo(ActiveShardKey.of(42L));
        }
        assertThat(ShardScope.activeKey()).isNull();
    }

    @Test
    void keyValuesAreQuotedForTheArrayAndTheSqlLiteral() {
        assertThat(ActiveShardKey.of(42L).setLocalStatement())
                .isEqualTo("SET LOCAL rds_aurora.limitless_active_shard_key = '{\"42\"}'");
        assertThat(ActiveShardKey.of("eu", 7).arrayLiteral()).isEqualTo("{\"eu\",\"7\"}");
        assertThat(ActiveShardKey.of("o'hara").setLocalStatement()).endsWith("= '{\"o''hara\"}'");
        assertThat(ActiveShardKey.of("a\"b\\c").setLocalStatement()).endsWith("= E'{\"a\\\\\"b\\\\\\\\c\"}'");
        UUID id = UUID.fromString("0b7e7dee-87aa-4d8d-9f9e-2c1a0a8c1d11");
        assertThat(ActiveShardKey.of(id, new BigDecimal("1.50"), LocalDate.of(2026, 1, 2), true).values())
                .containsExactly(id.toString(), "1.50", "2026-01-02", "true");
        assertThat(ActiveShardKey.of("secret-tenant")).hasToString("ActiveShardKey[1 value]");
    }

    @Test
    void refusesKeysWithoutAnExactTextForm() {
        assertThatThrownBy(() -> ShardScope.forKey()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
        assertThatThrownBy(() -> ShardScope.forKey((Object) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value 1 is null");
        assertThatThrownBy(() -> ShardScope.forKey(1.5d)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
        assertThatThrownBy(() -> ShardScope.forKey("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL").hasMessageNotContaining("a\0b");
        assertThat(ShardScope.activeKey()).as("nothing was opened").isNull();
    }
}
