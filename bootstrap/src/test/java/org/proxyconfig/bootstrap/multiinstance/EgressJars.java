package org.proxyconfig.bootstrap.multiinstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.proxyconfig.bootstrap.PackagedJar;

/**
 * Two processes of the packaged jar on one PostgreSQL, both with an egress token and plain HTTP
 * allowed for a loopback client: the service side of a fleet whose followers run here, on
 * loopback, as a sidecar's would ({@link FleetFollowerIT}, and the follower case of
 * {@link PropagationBenchmark}). Both can be stopped and started again on the same ports, data
 * dirs and database: a follower pointed at one of them sees that as an outage and a recovery.
 * Every start writes new log files, all kept, so that a test can read everything the jars logged.
 */
final class EgressJars implements AutoCloseable {

    static final String EGRESS_TOKEN = "fleet-egress-token-3e9b71d4";

    private static final Map<String, String> EGRESS = Map.of(
            "PROXY_CONFIG_EGRESS_TOKEN", EGRESS_TOKEN,
            "PROXY_CONFIG_EGRESS_PLAINTEXT_LOOPBACK", "true");

    final int portA = PackagedJar.freePort();
    final int portB = PackagedJar.freePort();
    private final String url;
    private final Path dir;
    private final List<Path> logs = new ArrayList<>();
    private Process a;
    private Process b;

    /** Starts both jars on the database {@code url}, their data dirs and logs under {@code dir}. */
    EgressJars(String url, Path dir) {
        this.url = url;
        this.dir = dir;
        start();
    }

    /** Starts both jars (again) and waits until both answer {@code /health}. */
    void start() {
        int run = logs.size() / 2 + 1;
        Path logA = dir.resolve("a-" + run + ".log");
        Path logB = dir.resolve("b-" + run + ".log");
        logs.add(logA);
        logs.add(logB);
        // Both started before either is waited for: the two start-ups overlap, as in a rolling start.
        a = MultiInstanceJarIT.start(url, portA, logA, dir.resolve("a"), EGRESS);
        b = MultiInstanceJarIT.start(url, portB, logB, dir.resolve("b"), EGRESS);
        PackagedJar.awaitHealth(a, portA, logA.toString());
        PackagedJar.awaitHealth(b, portB, logB.toString());
    }

    /** Stops both jars as an operator does (SIGTERM) and waits until both have exited. */
    void stop() throws InterruptedException {
        for (Process jar : List.of(a, b)) jar.destroy();
        for (Process jar : List.of(a, b)) {
            if (!jar.waitFor(20, TimeUnit.SECONDS)) throw new AssertionError("a jar did not stop within 20 s: " + jar);
        }
    }

    /** The base URI a follower of the jar on {@code port} is given. */
    URI base(int port) {
        return PackagedJar.uri(port, "");
    }

    /** {@code PUT /api/proxy-config} with {@code json} on the jar on {@code port}, as the admin. */
    HttpResponse<String> put(int port, String json) {
        return PackagedJar.send(HttpRequest.newBuilder(PackagedJar.uri(port, "/api/proxy-config"))
                .header("Authorization", "Bearer " + Instance.ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** The revision a PUT's answer names in its ETag. */
    static long revisionOf(HttpResponse<String> put) {
        return Long.parseLong(put.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
    }

    /** Everything the jars wrote to their consoles, every start of both, one text per file. */
    List<String> logs() {
        List<String> texts = new ArrayList<>();
        for (Path log : logs) {
            try {
                texts.add(Files.readString(log));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }

    @Override
    public void close() {
        // A test that failed half-way must not leave a jar running on the machine.
        for (Process jar : new Process[] {a, b}) {
            if (jar != null) jar.destroyForcibly();
        }
    }
}
