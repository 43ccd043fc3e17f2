package dev.limitless.autoconfigure;

import dev.limitless.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.jdbc.core.JdbcTemplate;

/** Creates the ledger tables of {@code catalogs/ledger.yaml} (script {@code schemas/ledger.sql}) for starter tests. */
public final class LedgerSchema {

    private LedgerSchema() {
    }

    public static void create(TestDatabase database) {
        try (InputStream script = LedgerSchema.class.getResourceAsStream("/schemas/ledger.sql")) {
            new JdbcTemplate(database.dataSource()).execute(new String(script.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
