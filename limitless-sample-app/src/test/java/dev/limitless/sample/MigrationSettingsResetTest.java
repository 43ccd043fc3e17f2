package dev.limitless.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.sql.internal.SqlScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sample's migrations follow docs/ddl.md: between two CREATE TABLE statements every {@code SET LOCAL rds_aurora.*}
 * table setting is either set again or reset TO DEFAULT, so no table inherits the previous one's settings (the
 * reference table {@code currencies} after the collocated {@code transactions}).
 */
class MigrationSettingsResetTest {

    private static final List<String> SETTINGS = List.of("rds_aurora.limitless_create_table_mode",
            "rds_aurora.limitless_create_table_shard_key", "rds_aurora.limitless_create_table_collocate_with");

    @Test
    void everyTableStartsFromSettingsSetOrResetSinceThePreviousTable() throws IOException {
        List<Path> migrations;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrations = files.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(migrations).isNotEmpty();
        List<String> problems = new ArrayList<>();
        int tables = 0;
        for (Path migration : migrations) {
            List<String> touched = new ArrayList<>(SETTINGS);
            boolean first = true;
            for (SqlScript.Statement statement : SqlScript.split(Files.readString(migration))) {
                String sql = statement.sql().strip().toLowerCase(Locale.ROOT);
                if (sql.startsWith("set local rds_aurora.")) {
                    SETTINGS.stream().filter(sql::contains).forEach(touched::remove);
                } else if (sql.startsWith("create table")) {
                    tables++;
                    if (!first && !touched.isEmpty()) {
                        problems.add(migration.getFileName() + ":" + statement.line() + " inherits " + touched);
                    }
                    first = false;
                    touched = new ArrayList<>(SETTINGS);
                }
            }
        }
        assertThat(tables).isGreaterThan(1);
        assertThat(problems).isEmpty();
    }
}
