package dev.limitless.cli;

import dev.limitless.local.LocalLimitless;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code limitless local-install}: installs the local Limitless emulation into a PostgreSQL 14+ database; refuses a
 * server that reports Amazon Aurora or RDS.
 */
@Command(name = "local-install", mixinStandardHelpOptions = true,
        description = {"Installs the local Limitless emulation into a PostgreSQL 14+ database (needs a superuser).",
                "Afterwards Limitless DDL written for Aurora runs unmodified and sharded tables are hash-partitioned."})
final class LocalInstallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL", description = "jdbc:postgresql://host:port/database")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "U", description = "Database user (a superuser); default: from the URL or PGUSER")
    String user;

    @Option(names = "--password", paramLabel = "P", description = "Password; default: from the URL or PGPASSWORD", arity = "0..1", interactive = true)
    String password;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "16", description = "Emulated shard count (1-512, default ${DEFAULT-VALUE})")
    int shards;

    @Option(names = "--router", paramLabel = "ENDPOINT[=LOAD]",
            description = "Registers a transaction router that aurora_limitless_router_endpoints() lists (e.g. a PgBouncer on"
                    + " 127.0.0.2), with its load 0-1 (default 0); repeat for several. Without any, the server itself is the router.")
    java.util.List<String> routers = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            spec.commandLine().getErr().println("limitless local-install: --jdbc-url must start with jdbc:postgresql:, got "
                    + (jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?')) + "?..." : jdbcUrl));
            return LimitlessCommand.EXIT_USAGE;
        }
        if (shards < 1 || shards > LocalLimitless.MAX_SHARDS) {
            spec.commandLine().getErr().println("limitless local-install: --shards must be between 1 and " + LocalLimitless.MAX_SHARDS + ", got " + shards);
            return LimitlessCommand.EXIT_USAGE;
        }
        Properties properties = new Properties();
        String effectiveUser = user != null ? user : System.getenv("PGUSER");
        String effectivePassword = password != null ? password : System.getenv("PGPASSWORD");
        if (effectiveUser != null) {
            properties.setProperty("user", effectiveUser);
        }
        if (effectivePassword != null) {
            properties.setProperty("password", effectivePassword);
        }
        java.util.Map<String, Float> parsedRouters = new java.util.LinkedHashMap<>();
        for (String router : routers) {
            String endpoint = router.contains("=") ? router.substring(0, router.indexOf('=')).strip() : router.strip();
            float load;
            try {
                load = router.contains("=") ? Float.parseFloat(router.substring(router.indexOf('=') + 1)) : 0f;
            } catch (NumberFormatException e) {
                load = -1;
            }
            if (endpoint.isEmpty() || !(load >= 0 && load <= 1)) {
                spec.commandLine().getErr().println("limitless local-install: --router takes ENDPOINT or ENDPOINT=LOAD with a"
                        + " load between 0 and 1, e.g. --router 127.0.0.2=0.25; got '" + router + "'");
                return LimitlessCommand.EXIT_USAGE;
            }
            parsedRouters.put(endpoint, load);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
            LocalLimitless.install(connection, shards);
            for (java.util.Map.Entry<String, Float> router : parsedRouters.entrySet()) {
                try (java.sql.PreparedStatement add = connection.prepareStatement("SELECT rds_aurora.limitless_local_add_router(?, ?)")) {
                    add.setString(1, router.getKey());
                    add.setFloat(2, router.getValue());
                    add.execute();
                }
                spec.commandLine().getOut().printf("Registered transaction router %s (load %s)%n", router.getKey(), router.getValue());
            }
            spec.commandLine().getOut().printf("Installed the local Limitless emulation (%d shards) into %s%n", shards,
                    connection.getCatalog());
            return 0;
        } catch (SQLException e) {
            spec.commandLine().getErr().println("limitless local-install: " + e.getMessage());
            return LimitlessCommand.EXIT_USAGE;
        }
    }
}
