package org.proxyconfig.adapters.egress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.proxyconfig.application.Eventually;

/**
 * Real proxies from Debian packages on loopback ports, started for a test class: tinyproxy (HTTP
 * forward proxy, with and without Basic auth), microsocks (SOCKS5, with and without
 * username/password) and stunnel (TLS in front of the authenticating tinyproxy: an {@code https://}
 * proxy). Each keeps a log; {@link ProxyProcess#mark()} and {@link ProxyProcess#since(int)} show
 * what a proxy handled after a point, which proves from the proxy's side that a request passed.
 * A missing binary fails the test with the package to install: CI ({@code .ci/run}) installs them.
 */
public final class RealProxies implements AutoCloseable {

    public static final String USER = "gw-user";
    public static final String PASSWORD = "Pr0xy-s3cret-9c1e";

    public final ProxyProcess tinyproxyAuth;
    public final ProxyProcess tinyproxyOpen;
    public final ProxyProcess microsocksAuth;
    public final ProxyProcess microsocksOpen;
    public final ProxyProcess stunnel;
    private final List<ProxyProcess> all = new ArrayList<>();

    /** One running proxy and its log file. */
    public static final class ProxyProcess {
        public final String name;
        public final int port;
        public final Path log;
        private final Path output;
        private final String[] command;
        private Process process;

        private ProxyProcess(String name, int port, Path log, Path output, String... command) {
            this.name = name;
            this.port = port;
            this.log = log;
            this.output = output;
            this.command = command;
        }

        /** Whether its process runs (not stopped, not exited). */
        public boolean running() {
            return process != null && process.isAlive();
        }

        /** Starts it again, on the same port with the same settings, after {@link #stop()}. */
        public void restart() throws IOException {
            stop();
            launch();
        }

        private void launch() throws IOException {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                Eventually.until(name + " listening on port " + port, Duration.ofSeconds(10), () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited at once (exit " + process.exitValue() + ")");
                    }
                    return accepts(port);
                });
            } catch (AssertionError notListening) {
                stop();
                throw new AssertionError(notListening.getMessage() + "; its output: " + read(output), notListening);
            }
        }

        public String log() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        /** The current end of the log. */
        public int mark() {
            return log().length();
        }

        /** What the proxy logged after {@code mark}. */
        public String since(int mark) {
            String text = log();
            return text.length() > mark ? text.substring(mark) : "";
        }

        public void stop() {
            if (process == null) return;
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public RealProxies(Path dir, TestPki pki) {
        try {
            tinyproxyAuth = add(tinyproxy(dir, "tinyproxy-auth", true));
            tinyproxyOpen = add(tinyproxy(dir, "tinyproxy-open", false));
            microsocksAuth = add(microsocks(dir, "microsocks-auth", true));
            microsocksOpen = add(microsocks(dir, "microsocks-open", false));
            stunnel = add(stunnel(dir, pki, tinyproxyAuth.port));
        } catch (IOException e) {
            close();
            throw new AssertionError("cannot start the real proxies: " + e, e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Every proxy's log position, to check later that none of them saw anything. */
    public int[] markAll() {
        return all.stream().mapToInt(ProxyProcess::mark).toArray();
    }

    /** What all proxies logged since {@link #markAll()}: empty when no request went through any. */
    public String sinceAll(int[] marks) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            String since = all.get(i).since(marks[i]);
            if (!since.isEmpty()) text.append(all.get(i).name).append(": ").append(since);
        }
        return text.toString();
    }

    private ProxyProcess add(ProxyProcess p) {
        all.add(p);
        return p;
    }

    private static ProxyProcess tinyproxy(Path dir, String name, boolean auth) throws IOException {
        return tinyproxy(dir, name, auth ? USER : "", PASSWORD, "");
    }

    /**
     * A tinyproxy of a test's own, apart from the shared ones (the caller stops it).
     *
     * @param user    Basic credentials it requires; none when empty
     * @param viaName the name it gives in the {@code Via} header of a plain-HTTP request it relays, so
     *                a target can tell two proxies apart; tinyproxy's default (the host name) when empty
     */
    public static ProxyProcess tinyproxy(Path dir, String name, String user, String password, String viaName) throws IOException {
        int port = freePort();
        Path log = dir.resolve(name + ".log");
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, """
                Port %d
                Listen 127.0.0.1
                Timeout 30
                MaxClients 64
                LogFile "%s"
                LogLevel Connect
                %s
                %s
                """.formatted(port, log, user.isEmpty() ? "" : "BasicAuth " + user + " " + password,
                viaName.isEmpty() ? "" : "ViaProxyName \"" + viaName + "\""));
        return start(name, port, log, dir.resolve(name + ".out"), binary("tinyproxy", "tinyproxy"), "-d", "-c", conf.toString());
    }

    /** A microsocks of a test's own, with the shared credentials when {@code auth} (the caller stops it). */
    public static ProxyProcess microsocks(Path dir, String name, boolean auth) throws IOException {
        int port = freePort();
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(binary("microsocks", "microsocks"),
                "-i", "127.0.0.1", "-p", String.valueOf(port)));
        if (auth) command.addAll(List.of("-u", USER, "-P", PASSWORD));
        return start(name, port, log, log, command.toArray(String[]::new));
    }

    /** An stunnel that offers TLS on a port of its own in front of a tinyproxy: an https:// proxy (the caller stops it). */
    public static ProxyProcess stunnel(Path dir, TestPki pki, int tinyproxyPort) throws IOException {
        int port = freePort();
        Path log = dir.resolve("stunnel.log");
        Path conf = dir.resolve("stunnel.conf");
        Files.writeString(conf, """
                foreground = yes
                pid =
                output = %s
                debug = 5
                [https-proxy]
                accept = 127.0.0.1:%d
                connect = 127.0.0.1:%d
                cert = %s
                """.formatted(log, port, tinyproxyPort, pki.certAndKeyPem));
        String binary = Files.isExecutable(Path.of("/usr/bin/stunnel4")) ? "/usr/bin/stunnel4" : binary("stunnel", "stunnel4");
        return start("stunnel", port, log, dir.resolve("stunnel.out"), binary, conf.toString());
    }

    private static ProxyProcess start(String name, int port, Path log, Path output, String... command) throws IOException {
        ProxyProcess proxy = new ProxyProcess(name, port, log, output, command);
        proxy.launch();
        return proxy;
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String binary(String name, String debianPackage) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name).toString();
        }
        throw new AssertionError("'" + name + "' is not installed; the egress integration tests run real proxies:"
                + " apt-get install -y " + debianPackage + " (with tinyproxy microsocks stunnel4; .ci/run installs them)");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        all.forEach(ProxyProcess::stop);
    }
}
