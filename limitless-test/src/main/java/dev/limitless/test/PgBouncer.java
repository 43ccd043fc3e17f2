package dev.limitless.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A PgBouncer in transaction-pooling mode in front of a PostgreSQL server, on a free loopback port (no Unix socket):
 * the open-source stand-in for RDS Proxy in tests. Clients connect without a password; PgBouncer logs in to the
 * server with the credentials given here, at most {@code poolSize} server connections per database and user.
 * PgBouncer refuses to run as root, so as root it runs as the same unprivileged account as the embedded server.
 *
 * <pre>{@code
 * Optional<Path> binary = PgBouncer.binary();
 * assumeTrue(binary.isPresent(), "install pgbouncer (apt-get install pgbouncer, brew install pgbouncer)");
 * try (PgBouncer bouncer = PgBouncer.start(binary.get(), database.jdbcUrl(), "app", "secret", 5, 500)) {
 *     DriverManager.getConnection(bouncer.jdbcUrl(database.name()), "app", "");
 * }
 * }</pre>
 */
public final class PgBouncer implements AutoCloseable {

    private static final List<String> SEARCH_PATH = List.of("/usr/sbin", "/usr/bin", "/usr/local/bin",
            "/usr/local/sbin", "/opt/homebrew/bin");

    private final Process process;
    private final Path directory;
    private final String listenAddress;
    private final int port;
    private final StringBuffer output = new StringBuffer();

    private PgBouncer(Process process, Path directory, String listenAddress, int port) {
        this.process = process;
        this.directory = directory;
        this.listenAddress = listenAddress;
        this.port = port;
    }

    /** The {@code pgbouncer} executable on the PATH or in the usual install directories, if installed. */
    public static Optional<Path> binary() {
        String path = System.getenv("PATH");
        List<String> directories = new ArrayList<>(path == null ? List.of() : List.of(path.split(":")));
        directories.addAll(SEARCH_PATH);
        return directories.stream().map(d -> Path.of(d, "pgbouncer")).filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts PgBouncer in front of the server of {@code serverJdbcUrl} and returns once it accepts connections.
     *
     * @param binary               the executable, see {@link #binary()}
     * @param serverJdbcUrl        a JDBC URL on the server (its host and port are used; every database is served)
     * @param user                 the role PgBouncer logs in as, and the only one clients may name
     * @param password             that role's password (may be empty for a trusted role)
     * @param poolSize             server connections per database and user ({@code default_pool_size})
     * @param maxClientConnections client connections PgBouncer accepts ({@code max_client_conn})
     */
    public static PgBouncer start(Path binary, String serverJdbcUrl, String user, String password, int poolSize,
                                  int maxClientConnections) throws IOException {
        return start(binary, serverJdbcUrl, user, password, poolSize, maxClientConnections, "127.0.0.1",
                EmbeddedPostgresServer.freePort());
    }

    /**
     * Like {@link #start(Path, String, String, String, int, int)}, listening on a given loopback address and port,
     * e.g. {@code 127.0.0.2}: several PgBouncers on one port and different loopback addresses are what
     * {@link LocalRouters} uses as transaction routers (the AWS JDBC wrapper reaches every router on one port).
     */
    public static PgBouncer start(Path binary, String serverJdbcUrl, String user, String password, int poolSize,
                                  int maxClientConnections, String listenAddress, int port) throws IOException {
        URI server = URI.create(serverJdbcUrl.substring("jdbc:".length()));
        Path directory = Files.createTempDirectory("limitless-pgbouncer-");
        directory.toFile().setReadable(true, false);
        directory.toFile().setExecutable(true, false);
        Path userlist = write(directory.resolve("userlist.txt"), "\"" + user + "\" \"\"\n");
        Path ini = write(directory.resolve("pgbouncer.ini"), String.join("\n",
                "[databases]",
                "* = host=" + server.getHost() + " port=" + server.getPort() + " user=" + user
                        + (password == null || password.isEmpty() ? "" : " password=" + password),
                "[pgbouncer]",
                "listen_addr = " + listenAddress,
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + userlist,
                "pool_mode = transaction",
                "default_pool_size = " + poolSize,
                "min_pool_size = 0",
                "reserve_pool_size = 0",
                "max_client_conn = " + maxClientConnections,
                "max_db_connections = " + poolSize,
                "ignore_startup_parameters = extra_float_digits",
                "",
                ""));
        List<String> command = new ArrayList<>(EmbeddedPostgresServer.unprivilegedPrefix());
        command.addAll(List.of(binary.toString(), ini.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        PgBouncer bouncer = new PgBouncer(process, directory, listenAddress, port);
        bouncer.awaitUp();
        return bouncer;
    }

    /**
     * A JDBC URL of {@code database} through PgBouncer, with the PgJDBC settings a transaction-mode pooler needs:
     * no server-side prepared statements (PgBouncer 1.18 does not track them), no {@code SET} at connect time.
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + listenAddress + ":" + port + "/" + database
                + "?prepareThreshold=0&assumeMinServerVersion=16&ApplicationName=limitless-test";
    }

    /** The loopback address it listens on. */
    public String listenAddress() {
        return listenAddress;
    }

    /** The loopback port clients connect to. */
    public int port() {
        return port;
    }

    private void awaitUp() throws IOException {
        CompletableFuture<Void> up = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (output.length() < 64 * 1024) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("process up")) {
                        up.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process ended; reported below
            }
            up.completeExceptionally(new IOException("pgbouncer exited: " + output));
        }, "pgbouncer-output");
        reader.setDaemon(true);
        reader.start();
        try {
            up.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IOException("pgbouncer did not start: " + output, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while starting pgbouncer", e);
        }
    }

    /** Stops PgBouncer and deletes its configuration. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        file.toFile().setReadable(true, false);
        return file;
    }
}
