package dev.limitless.pinning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * A PgBouncer in transaction-pooling mode with one server connection per database, in front of a test database,
 * on a free loopback port (no Unix socket). As root it runs as {@code nobody} through {@code setpriv}, since
 * PgBouncer refuses to run as root.
 */
final class PgBouncer implements AutoCloseable {

    private static final List<String> SEARCH_PATH = List.of("/usr/sbin", "/usr/bin", "/usr/local/bin",
            "/usr/local/sbin", "/opt/homebrew/bin");

    private final Process process;
    private final Path directory;
    private final int port;
    private final StringBuffer output = new StringBuffer();

    private PgBouncer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** The pgbouncer executable, if installed. */
    static Optional<Path> binary() {
        String path = System.getenv("PATH");
        List<String> directories = new ArrayList<>(path == null ? List.of() : List.of(path.split(":")));
        directories.addAll(SEARCH_PATH);
        return directories.stream().map(d -> Path.of(d, "pgbouncer")).filter(Files::isExecutable).findFirst();
    }

    /** Starts PgBouncer in front of the server of {@code jdbcUrl} and returns once it accepts connections. */
    static PgBouncer start(Path binary, String jdbcUrl, String user, String password) throws IOException {
        URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
        Path directory = Files.createTempDirectory("limitless-pgbouncer-");
        directory.toFile().setReadable(true, false);
        directory.toFile().setExecutable(true, false);
        int port = freePort();
        Path userlist = write(directory.resolve("userlist.txt"), "\"" + user + "\" \"\"\n");
        Path ini = write(directory.resolve("pgbouncer.ini"), String.join("\n",
                "[databases]",
                "* = host=" + server.getHost() + " port=" + server.getPort() + " user=" + user
                        + (password == null || password.isEmpty() ? "" : " password=" + password),
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + userlist,
                "pool_mode = transaction",
                "default_pool_size = 1",
                "max_client_conn = 20",
                "ignore_startup_parameters = extra_float_digits",
                ""));
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("setpriv", "--reuid=" + id("-u"), "--regid=" + id("-g"), "--clear-groups", "--"));
        }
        command.addAll(List.of(binary.toString(), ini.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        PgBouncer bouncer = new PgBouncer(process, directory, port);
        bouncer.awaitUp();
        return bouncer;
    }

    String jdbcUrl(String database) {
        // PgBouncer 1.18 does not track protocol-level prepared statements in transaction mode
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + "?prepareThreshold=0&assumeMinServerVersion=16&ApplicationName=limitless-test";
    }

    private void awaitUp() throws IOException {
        CompletableFuture<Void> up = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String id(String flag) {
        try {
            Process id = new ProcessBuilder("id", flag, "nobody").redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (id.waitFor() != 0) {
                throw new IllegalStateException("PgBouncer refuses to run as root and there is no 'nobody' account: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
