package dev.limitless.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

@LimitlessPostgres(shards = 2)
class CollocationMergeTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private static final TableName ZETA = TableName.of("public", "zeta_accounts");
    private static final TableName ALPHA = TableName.of("public", "alpha_entries");
    private static final TableName MIDDLE = TableName.of("public", "middle_lines");

    @Test
    void liveCatalogNamesTheOldestTableOfAGroupAsTheOneTheOthersFollow() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
                    CREATE TABLE zeta_accounts (account_id bigint PRIMARY KEY);
                    COMMIT;
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
                    SET LOCAL rds_aurora.limitless_create_table_collocate_with = 'zeta_accounts';
                    CREATE TABLE alpha_entries (account_id bigint, n int, PRIMARY KEY (account_id, n));
                    COMMIT;
                    """);
            ShardCatalog live = LiveCatalog.load(connection, "public");

            assertThat(live.find(ALPHA).orElseThrow().collocateWith()).isEqualTo(ZETA);
            ShardCatalog declared = ShardCatalog.of("public", List.of(
                    TableDefinition.sharded(ZETA, List.of("account_id"), null, "entity Account"),
                    TableDefinition.sharded(ALPHA, List.of("account_id"), ZETA, "entity Entry")));
            assertThat(ShardCatalog.merge(List.of(declared, live)).collocated(ALPHA, ZETA)).isTrue();
        }
    }

    @Test
    void sourcesNamingDifferentMembersOfOneGroupAgree() {
        ShardCatalog chain = ShardCatalog.of("public", List.of(
                TableDefinition.sharded(ZETA, List.of("k"), null, "a.yaml:1"),
                TableDefinition.sharded(MIDDLE, List.of("k"), ZETA, "a.yaml:2"),
                TableDefinition.sharded(ALPHA, List.of("k"), MIDDLE, "a.yaml:3")));
        ShardCatalog star = ShardCatalog.of("public", List.of(
                TableDefinition.sharded(ZETA, List.of("k"), null, "live"),
                TableDefinition.sharded(MIDDLE, List.of("k"), ZETA, "live"),
                TableDefinition.sharded(ALPHA, List.of("k"), ZETA, "live")));

        assertThat(ShardCatalog.merge(List.of(chain, star)).collocated(ALPHA, ZETA)).isTrue();
    }

    @Test
    void aTableCollocatedInOneSourceAndAloneInAnotherIsAConflictNamingBoth() {
        ShardCatalog collocated = ShardCatalog.of("public", List.of(
                TableDefinition.sharded(ZETA, List.of("k"), null, "entity Account"),
                TableDefinition.sharded(ALPHA, List.of("k"), ZETA, "entity Entry")));
        ShardCatalog alone = ShardCatalog.of("public", List.of(
                TableDefinition.sharded(ALPHA, List.of("k"), null, "catalog.yaml:4")));

        assertThatThrownBy(() -> ShardCatalog.merge(List.of(collocated, alone)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("entity Entry").hasMessageContaining("catalog.yaml:4");
    }
}
