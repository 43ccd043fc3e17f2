package dev.limitless.flyway;

import dev.limitless.catalog.LiveCatalog;
import java.sql.Connection;
import java.sql.Types;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.database.base.BaseDatabaseType;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;

/**
 * Flyway database type for Aurora PostgreSQL Limitless Database and its local emulation, registered through Flyway's
 * plugin SPI ({@code META-INF/services/org.flywaydb.core.extensibility.Plugin}): Flyway picks it for a PostgreSQL
 * connection whose database has {@code rds_aurora.limitless_tables}, before its own PostgreSQL type.
 *
 * <p>What differs from Flyway's PostgreSQL support, and why:
 * <ul>
 *   <li>Locking: Limitless routers refuse advisory locks ({@code acquiring pg_advisory_lock is not supported in
 *       limitless database}), so concurrent Flyway runs are serialised by a row lock, {@code SELECT ... FOR UPDATE}
 *       on the one row of a standard table {@code <history table>_lock}, held by a transaction for as long as Flyway
 *       holds its lock. A second application waits on the row and then finds nothing left to apply; a crashed
 *       holder's transaction ends with its connection, so no stale lock is left behind.</li>
 *   <li>The history table is recognised when the routers present it as a foreign table (Flyway's PostgreSQL type
 *       looks only for ordinary tables and would try to create it again).</li>
 * </ul>
 * Everything else (SQL parsing, history table layout, transactions) is Flyway's PostgreSQL support, which must be on
 * the class path ({@code org.flywaydb:flyway-database-postgresql}); without it this type never answers.
 */
public final class LimitlessFlywayDatabaseType extends BaseDatabaseType {

    private static final String POSTGRES_TYPE = "org.flywaydb.database.postgresql.PostgreSQLDatabaseType";

    /** Flyway's PostgreSQL type, typed by its interface so this class loads even when that module is missing. */
    private final DatabaseType postgres;

    public LimitlessFlywayDatabaseType() {
        this.postgres = postgresTypeOrNull();
    }

    private static DatabaseType postgresTypeOrNull() {
        try {
            return (DatabaseType) Class.forName(POSTGRES_TYPE, true, LimitlessFlywayDatabaseType.class.getClassLoader())
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Whether Flyway's PostgreSQL support is there to build on; without it this type never answers. */
    public boolean isUsable() {
        return postgres != null;
    }

    @Override
    public String getName() {
        return "Aurora PostgreSQL Limitless";
    }

    /** Asked before Flyway's PostgreSQL type (priority 0) and the community PostgreSQL variants (1). */
    @Override
    public int getPriority() {
        return 2;
    }

    @Override
    public List<String> getSupportedEngines() {
        return List.of("PostgreSQL");
    }

    @Override
    public int getNullType() {
        return Types.NULL;
    }

    @Override
    public boolean handlesJDBCUrl(String url) {
        return postgres != null && postgres.handlesJDBCUrl(url);
    }

    @Override
    public String getDriverClass(String url, ClassLoader classLoader) {
        return postgres().getDriverClass(url, classLoader);
    }

    @Override
    public boolean handlesDatabaseProductNameAndVersion(String productName, String productVersion, Connection connection) {
        return postgres != null && productName.startsWith("PostgreSQL") && LiveCatalog.isPresent(connection);
    }

    @Override
    public Database createDatabase(Configuration configuration, JdbcConnectionFactory connectionFactory,
                                   StatementInterceptor statementInterceptor) {
        postgres();
        return LimitlessPostgresDatabase.create(configuration, connectionFactory, statementInterceptor);
    }

    @Override
    public Parser createParser(Configuration configuration, ResourceProvider resourceProvider, ParsingContext parsingContext) {
        return postgres().createParser(configuration, resourceProvider, parsingContext);
    }

    @Override
    public void setDefaultConnectionProps(String url, Properties props, ClassLoader classLoader) {
        postgres().setDefaultConnectionProps(url, props, classLoader);
    }

    @Override
    public Properties getExternalAuthProperties(String url, String username) {
        return postgres().getExternalAuthProperties(url, username);
    }

    private DatabaseType postgres() {
        if (postgres == null) {
            throw new IllegalStateException("Flyway on Aurora Limitless needs Flyway's PostgreSQL support: add"
                    + " org.flywaydb:flyway-database-postgresql to the class path.");
        }
        return postgres;
    }
}
