package dev.limitless.test;

import java.net.URI;

/** A server somebody else runs, reached through an explicit JDBC URL. */
final class ExternalPostgresServer extends PostgresServer {

    private final String prefix;
    private final String query;
    private final String maintenanceDatabase;
    private final String username;
    private final String password;

    ExternalPostgresServer(String jdbcUrl, String username, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalStateException("The test JDBC URL must start with jdbc:postgresql:// but was: "
                    + jdbcUrl.replaceAll("password=[^&]*", "password=***"));
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/postgres" : uri.getPath();
        this.prefix = "jdbc:postgresql://" + uri.getRawAuthority() + "/";
        this.query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        this.maintenanceDatabase = path.substring(1);
        this.username = username == null ? "postgres" : username;
        this.password = password == null ? "" : password;
    }

    @Override
    public String jdbcUrl(String database) {
        return prefix + database + query;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    protected String maintenanceDatabase() {
        return maintenanceDatabase;
    }

    @Override
    public String description() {
        return "external server " + prefix;
    }
}
