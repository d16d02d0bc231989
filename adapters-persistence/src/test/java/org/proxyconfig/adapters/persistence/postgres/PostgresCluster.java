package org.proxyconfig.adapters.persistence.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} under the build folder
 * ({@code target/pg/<name>}), {@code pg_ctl} on a free loopback port, password authentication over
 * TCP, no Unix socket. Debian's {@code postgresql} package provides the binaries; without them the
 * test fails and says what to install (it never skips). PostgreSQL refuses to run as root, so as
 * root the binaries run as the {@code postgres} OS user, who then owns the data directory.
 *
 * <p>Durability is traded for speed ({@code fsync=off}): the tests prove what instances see, not
 * what survives a power cut, which is PostgreSQL's own business.
 */
public final class PostgresCluster implements AutoCloseable {

    public static final String USER = "proxy_config";
    public static final String PASSWORD = "pg-test-password-4b1d";
    private static final String PACKAGE_HINT = "PostgreSQL server binaries (initdb, pg_ctl) were not found under"
            + " /usr/lib/postgresql/*/bin or $PG_BIN. Install Debian's package: apt-get install -y postgresql"
            + " (CI's .ci/run installs it). These tests need a real PostgreSQL and do not skip.";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;
    private boolean running;

    private PostgresCluster(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates and starts a new cluster named {@code name} under {@code target/pg}. */
    public static PostgresCluster start(String name) {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Path.of("target", "pg", name + "-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        PostgresCluster cluster = new PostgresCluster(bin, dir, freePort(), root);
        cluster.init();
        cluster.startServer();
        return cluster;
    }

    public int port() {
        return port;
    }

    /** A new, empty database in this cluster; its JDBC URL. */
    public String createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server at once, as a crash or an outage would look to its clients (fast shutdown). */
    public synchronized void stop() {
        if (!running) return;
        run(60, pgCtl("stop", "-D", data.toString(), "-m", "fast", "-w", "-t", "30"));
        running = false;
    }

    /** Starts the stopped server again, on the same port. */
    public synchronized void restart() {
        if (running) return;
        startServer();
    }

    @Override
    public synchronized void close() {
        try {
            if (running) run(60, pgCtl("stop", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30"));
        } finally {
            running = false;
            deleteQuietly(dir);
        }
    }

    private void init() {
        try {
            Files.createDirectories(dir);
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, PASSWORD + "\n");
            chownToPostgres(dir);
            run(120, command(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--pwfile=" + pwfile, "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--locale=C", "--no-sync"));
            Files.delete(pwfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startServer() {
        String options = "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=''"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
                + " -c shared_buffers=16MB";
        run(120, pgCtl("start", "-D", data.toString(), "-w", "-t", "60", "-l", dir.resolve("server.log").toString(),
                "-o", options));
        running = true;
    }

    private List<String> pgCtl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.resolve("pg_ctl").toString());
        cmd.addAll(List.of(args));
        return command(cmd.toArray(String[]::new));
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void run(int timeoutSeconds, List<String> command) {
        try {
            Path log = Files.createTempFile("pg-command", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            if (p.exitValue() != 0) {
                String serverLog = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
                throw new IllegalStateException("failed (exit " + p.exitValue() + "): " + String.join(" ", command)
                        + "\n" + output + "\n" + serverLog);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private void chownToPostgres(Path path) {
        if (!asPostgresUser) return;
        try {
            Process p = new ProcessBuilder("chown", "-R", "postgres:postgres", path.toString()).inheritIO().start();
            if (p.waitFor() != 0) throw new IllegalStateException("chown postgres " + path + " failed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findBinaries() {
        String env = System.getenv("PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "initdb"))) return Path.of(env);
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparing(PostgresCluster::majorVersion));
                if (found.isPresent()) return found.get();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(PACKAGE_HINT);
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover under target/ is removed by the next clean
        }
    }
}
