package org.proxyconfig.bootstrap.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.proxyconfig.application.Eventually;

/**
 * The watch under load (docs/PERFORMANCE.md §6, run by docs/bench/watch.sh): WATCHERS held
 * {@code GET /api/proxy-config?wait=} requests on as many TCP connections to a running jar, then
 * one PUT, timed until every watcher has read its 200. Raw sockets and a tiny HTTP/1.1 reader on
 * virtual threads, so each watcher is one real connection: no client pool can queue or multiplex
 * them. Not a test (the name matches no surefire or failsafe pattern).
 *
 * <p>Environment: BENCH_PORT, BENCH_PID (the jar's, for its RSS and thread dumps), BENCH_TOKEN
 * (read from the environment so it is in no command line), WATCHERS (1000), ROUNDS (5),
 * WAIT (60 s). Exits 1 when any watcher got anything but 200 with the new ETag.
 */
public final class WatchBenchmark {

    private static final String HOST = "127.0.0.1";
    private static final String HELD_FRAME = "ActiveProxyConfig.awaitNewerThan";

    private static int port;
    private static String token;
    private static long pid;

    public static void main(String[] args) throws Exception {
        port = Integer.parseInt(System.getenv("BENCH_PORT"));
        pid = Long.parseLong(System.getenv("BENCH_PID"));
        token = System.getenv("BENCH_TOKEN");
        int watchers = intEnv("WATCHERS", 1000);
        int rounds = intEnv("ROUNDS", 5);
        int waitSeconds = intEnv("WAIT", 60);

        Connection control = new Connection();
        String etag = control.exchange(get(null, 0)).etag();

        jcmd("GC.run"); // returns once the collection is done
        long rssBefore = status("VmRSS");
        System.out.printf("jar before the watchers connect (after jcmd GC.run): RSS %.1f MiB, %d OS threads%n",
                rssBefore / 1024.0, status("Threads"));

        String[] etags = new String[rounds]; // etags[r]: what the watchers send in round r
        CountDownLatch[] start = latches(rounds, 1);
        CountDownLatch[] sent = latches(rounds, watchers);
        CountDownLatch[] answered = latches(rounds, watchers);
        long[][] answeredAt = new long[rounds][watchers];
        Response[][] responses = new Response[rounds][watchers];
        AtomicInteger broken = new AtomicInteger();

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < watchers; w++) {
                int watcher = w;
                threads.submit(() -> {
                    int r = 0;
                    boolean requestSent = false;
                    try (Connection connection = new Connection()) {
                        for (; r < rounds; r++) {
                            start[r].await();
                            requestSent = false;
                            connection.send(get(etags[r], waitSeconds));
                            requestSent = true;
                            sent[r].countDown();
                            responses[r][watcher] = connection.read();
                            answeredAt[r][watcher] = System.nanoTime();
                            answered[r].countDown();
                        }
                    } catch (Exception e) {
                        broken.incrementAndGet();
                        System.out.println("watcher " + watcher + " failed in round " + (r + 1) + ": " + e);
                        for (; r < rounds; r++) { // its share of this round and the next ones, so they end
                            if (!requestSent) sent[r].countDown();
                            requestSent = false;
                            answered[r].countDown();
                        }
                    }
                    return null;
                });
            }

            List<Double> p99s = new ArrayList<>();
            int failures = 0;
            System.out.println("| round | connections established | requests held (thread dump) | jar OS threads held | jar RSS held | RSS held, after GC.run | PUT answered | PUT sent → 200 read: first / p50 / p99 / max | 200 with the new ETag |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (int r = 0; r < rounds; r++) {
                etags[r] = etag;
                start[r].countDown();
                sent[r].await();
                int held = waitUntilHeld(watchers, waitSeconds);
                int established = established();
                long rssHeld = status("VmRSS");
                long osThreads = status("Threads"); // held requests are virtual threads: this stays flat
                jcmd("GC.run");
                long rssHeldAfterGc = status("VmRSS");

                long putSent = System.nanoTime();
                Response put = control.exchange(put(r));
                long putAnswered = System.nanoTime();
                if (!answered[r].await(waitSeconds + 30, TimeUnit.SECONDS)) {
                    System.out.println("round " + (r + 1) + ": not every watcher was answered");
                }
                String newEtag = put.etag();
                int ok = 0;
                double[] latencies = new double[watchers];
                int n = 0;
                for (int w = 0; w < watchers; w++) {
                    Response response = responses[r][w];
                    if (response != null && response.status() == 200 && newEtag.equals(response.etag())) {
                        ok++;
                        latencies[n++] = (answeredAt[r][w] - putSent) / 1e6;
                    } else if (w - ok < 10) { // the first ten failures of the round only (w - ok before this one)
                        System.out.println("round " + (r + 1) + ", watcher " + w + ": " + (response == null ? "no answer" : response.status() + " " + response.etag()) + ", expected 200 " + newEtag);
                    }
                }
                failures += watchers - ok;
                double[] sorted = Arrays.copyOf(latencies, n);
                Arrays.sort(sorted);
                double p99 = percentile(sorted, 0.99);
                p99s.add(p99);
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.1f MiB (+%.1f) | %.1f MiB (+%.1f) | %.1f ms | %.1f / %.1f / %.1f / %.1f ms | %d / %d |%n",
                        r + 1, established, held, osThreads, rssHeld / 1024.0, (rssHeld - rssBefore) / 1024.0,
                        rssHeldAfterGc / 1024.0, (rssHeldAfterGc - rssBefore) / 1024.0, (putAnswered - putSent) / 1e6,
                        n == 0 ? Double.NaN : sorted[0], percentile(sorted, 0.50), p99, n == 0 ? Double.NaN : sorted[n - 1], ok, watchers);
                etag = newEtag;
            }
            p99s.sort(null);
            System.out.printf(Locale.ROOT, "median of the rounds' p99: %.1f ms; watchers whose connection broke: %d%n",
                    p99s.get(p99s.size() / 2), broken.get());
            threads.shutdownNow(); // a watcher never answered would otherwise hold close() until its socket times out
            if (failures > 0 || broken.get() > 0) {
                System.out.println("FAILED: not every watcher got 200 with the new ETag in every round");
                System.exit(1);
            }
        }
        System.exit(0);
    }

    /**
     * The server's own signal that a request is held: the jar's virtual threads parked in
     * {@code awaitNewerThan}, counted in a thread dump ({@code watching()} is not exposed over
     * HTTP). Sent requests are not enough: the server may still be reading them.
     */
    private static int waitUntilHeld(int watchers, int waitSeconds) {
        int[] held = new int[1];
        Eventually.until(watchers + " requests held in the jar", Duration.ofSeconds(waitSeconds / 2), Duration.ofMillis(200),
                () -> (held[0] = heldNow()) >= watchers);
        return held[0];
    }

    /** One thread dump of the jar: how many requests are parked waiting for a newer revision. */
    private static int heldNow() {
        try {
            Path dump = Files.createTempFile("watch-bench", ".txt");
            Files.delete(dump); // jcmd will not overwrite a file
            jcmd("Thread.dump_to_file", dump.toString());
            int held = (int) Files.readAllLines(dump).stream().filter(line -> line.contains(HELD_FRAME)).count();
            Files.delete(dump);
            return held;
        } catch (Exception e) {
            throw new AssertionError("cannot take a thread dump of the jar: " + e, e);
        }
    }

    /** Server-side TCP connections in ESTABLISHED on the port (ss), the control connection included. */
    private static int established() throws Exception {
        Process ss = new ProcessBuilder("ss", "-Htn", "state", "established", "( sport = :" + port + " )")
                .redirectErrorStream(true).start();
        long lines = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().count();
        ss.waitFor();
        return (int) lines;
    }

    private static void jcmd(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        jcmd.getInputStream().readAllBytes();
        if (jcmd.waitFor() != 0) throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
    }

    /** A number of the jar's /proc/PID/status: VmRSS in KiB, Threads (OS threads, carriers included). */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        throw new IllegalStateException("no " + field + " for " + pid);
    }

    private static String get(String etag, int waitSeconds) {
        return "GET /api/proxy-config" + (waitSeconds > 0 ? "?wait=" + waitSeconds : "") + " HTTP/1.1\r\n"
                + "Host: " + HOST + ":" + port + "\r\nAuthorization: Bearer " + token + "\r\n"
                + (etag == null ? "" : "If-None-Match: " + etag + "\r\n") + "\r\n";
    }

    /** Each round PUTs another timeout, so each is a new revision. */
    private static String put(int round) {
        String body = "{\"enabled\":true,\"url\":\"http://proxy.corp.example:3128\",\"username\":\"gateway\","
                + "\"timeout\":" + (100 + round) + ",\"enable_for_api\":true}";
        return "PUT /api/proxy-config HTTP/1.1\r\nHost: " + HOST + ":" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
    }

    record Response(int status, String etag, int bodyLength) {}

    /** One keep-alive HTTP/1.1 connection; answers with a Content-Length (Helidon's for these routes). */
    private static final class Connection implements AutoCloseable {
        private final Socket socket = new Socket();
        private final OutputStream out;
        private final InputStream in;

        Connection() throws IOException {
            socket.connect(new InetSocketAddress(HOST, port), 10_000);
            socket.setSoTimeout(300_000);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 2048);
        }

        Response exchange(String request) throws IOException {
            send(request);
            return read();
        }

        void send(String request) throws IOException {
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        Response read() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            String etag = null;
            int length = 0;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                if (name.equals("etag")) etag = value;
                if (name.equals("content-length")) length = Integer.parseInt(value);
                if (name.equals("transfer-encoding")) throw new IOException("unexpected Transfer-Encoding: " + value);
            }
            if (status == 304) length = 0; // a 304 never has a body
            if (in.readNBytes(length).length != length) throw new IOException("connection closed in the body");
            return new Response(status, etag, length);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new IOException("connection closed");
                if (c != '\r') line.append((char) c);
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static CountDownLatch[] latches(int rounds, int count) {
        CountDownLatch[] latches = new CountDownLatch[rounds];
        for (int r = 0; r < rounds; r++) latches[r] = new CountDownLatch(count);
        return latches;
    }

    private static int intEnv(String name, int otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value);
    }
}
