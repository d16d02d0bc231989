package org.proxyconfig.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.adapters.persistence.postgres.PostgresCluster;
import org.proxyconfig.bootstrap.ui.JarServer;

/**
 * Reliability suite "PostgreSQL outage" (docs/RELIABILITY.md, issue 10 §5): the packaged jar on a
 * real PostgreSQL that the test starts, kills the backends of and stops. Two outages, one test each,
 * each on a cluster, a database and a jar of its own:
 * <ul>
 *   <li>every backend of the database terminated ({@code pg_terminate_backend}, what a failover or
 *       a connection killer does) between PUTs of a sequential stream: every PUT still answers 200,
 *       and the history holds each of them exactly once, in order (none lost, none applied twice);
 *   <li>the server stopped: PUT and GET answer 503 with a BifrostError, {@code /health} says
 *       "degraded"; started again: once {@code /health} says "ok", every PUT and GET answers 200 and
 *       the history holds exactly the PUTs that were acknowledged.
 * </ul>
 * No latency is asserted; every wait is on a condition, with a generous deadline (2 busy cores).
 */
class PostgresOutageIT {

    private static final String API = "/api/proxy-config";
    /** Any single request, a 503 during the outage included, answers well within this. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(90);

    @Test
    void everyPutAnswers200AndLandsExactlyOnceWhileEveryBackendIsTerminatedMidStream() throws Exception {
        int puts = 60;
        try (PostgresCluster cluster = PostgresCluster.start("outage-terminate")) {
            String database = "outage_terminate";
            try (JarServer jar = startHealthyJar(cluster, database, "terminate")) {
                List<Integer> before = timeoutsInHistory(jar);

                List<String> failures = new ArrayList<>();
                List<Integer> acknowledged = new ArrayList<>();
                List<String> kills = new ArrayList<>();
                for (int i = 1; i <= puts; i++) {
                    if (i % 10 == 5) { // before PUTs 5, 15, …, 55: each kill is followed by more PUTs
                        int terminated = terminateBackends(cluster, database);
                        kills.add("before PUT " + i + ": " + terminated + " backends");
                        assertThat(terminated).as("backends of %s terminated before PUT %d (the jar's pool and listener"
                                + " are connected, so there is something to kill)", database, i).isPositive();
                    }
                    HttpResponse<String> put = put(jar, i);
                    if (put.statusCode() == 200) acknowledged.add(i);
                    else failures.add("PUT " + i + " -> " + put.statusCode() + " " + put.body());
                }

                // Every PUT answered 200, and the history holds exactly the acknowledged ones: so it
                // holds all of them, each once. Checked apart, a failure says which half broke.
                SoftAssertions softly = new SoftAssertions();
                softly.assertThat(failures).as("of %d PUTs, those that did not answer 200 (terminated: %s; server log %s)",
                        puts, kills, jar.log().toAbsolutePath()).isEmpty();
                assertHistoryIs(softly, jar, before, acknowledged);
                HttpResponse<String> get = get(jar);
                softly.assertThat(get.statusCode()).as("GET after the stream: %s", get.body()).isEqualTo(200);
                if (get.statusCode() == 200 && !acknowledged.isEmpty()) {
                    softly.assertThat(JarServer.json(get.body()).getInt("timeout")).as("GET shows the last acknowledged PUT")
                            .isEqualTo(acknowledged.getLast());
                    softly.assertThat(get.headers().firstValue("ETag")).as("ETag: one revision per acknowledged PUT")
                            .hasValue("\"" + (before.size() + acknowledged.size()) + "\"");
                }
                softly.assertAll();
            }
        }
    }

    @Test
    void whileTheServerIsStoppedRequestsAnswer503AndHealthSaysDegradedAndOnceItIsBackEveryRequestAnswers200()
            throws Exception {
        int afterwards = 20;
        try (PostgresCluster cluster = PostgresCluster.start("outage-stop")) {
            String database = "outage_stop";
            try (JarServer jar = startHealthyJar(cluster, database, "stop")) {
                assertThat(put(jar, 1000).statusCode()).as("a PUT before the outage").isEqualTo(200);
                List<Integer> before = timeoutsInHistory(jar);
                long inForce = before.size();

                cluster.stop();
                JsonObject degraded = awaitHealth(jar, "degraded");
                assertThat(degraded.getJsonNumber("revision").longValue()).as("the revision kept in force from memory")
                        .isEqualTo(inForce);
                assertThat(degraded.getString("reason")).contains("cannot be reached");
                assertUnavailable(put(jar, 1001), "PUT during the outage");
                assertUnavailable(get(jar), "GET during the outage");
                assertThat(health(jar).getString("status")).as("health after the refused requests").isEqualTo("degraded");

                cluster.restart();
                awaitHealth(jar, "ok");
                List<String> failures = new ArrayList<>();
                List<Integer> acknowledged = new ArrayList<>();
                for (int i = 1; i <= afterwards; i++) {
                    HttpResponse<String> put = put(jar, i);
                    if (put.statusCode() == 200) acknowledged.add(i);
                    else failures.add("PUT " + i + " -> " + put.statusCode() + " " + put.body());
                    HttpResponse<String> get = get(jar);
                    if (get.statusCode() != 200) {
                        failures.add("GET after PUT " + i + " -> " + get.statusCode() + " " + get.body());
                    } else if (put.statusCode() == 200 && JarServer.json(get.body()).getInt("timeout") != i) {
                        failures.add("GET after PUT " + i + " shows " + get.body());
                    }
                }

                SoftAssertions softly = new SoftAssertions();
                softly.assertThat(failures).as("of %d PUTs and %d GETs after the restart, those that did not answer 200"
                        + " (server log %s)", afterwards, afterwards, jar.log().toAbsolutePath()).isEmpty();
                // Exactly the acknowledged PUTs: the one refused during the outage (timeout 1001) never lands.
                assertHistoryIs(softly, jar, before, acknowledged);
                softly.assertAll();
            }
        }
    }

    /** The jar on a new database of {@code cluster}, once its {@code /health} says "ok". */
    private static JarServer startHealthyJar(PostgresCluster cluster, String database, String name) {
        String url = cluster.createDatabase(database);
        JarServer jar = new JarServer(Path.of("target", "postgres-outage-" + name + ".log"), Map.of(
                "PROXY_CONFIG_DB_URL", url,
                "PROXY_CONFIG_DB_USER", PostgresCluster.USER,
                "PROXY_CONFIG_DB_PASSWORD", PostgresCluster.PASSWORD,
                "PROXY_CONFIG_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
        try {
            jar.awaitReady();
            awaitHealth(jar, "ok");
            return jar;
        } catch (RuntimeException | Error e) {
            // A jar that never got healthy is stopped here: the caller's try-with-resources never got it.
            try {
                jar.close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    /**
     * What a failover or a connection killer does: ends every backend of {@code database} (the
     * jar's pooled connections and its LISTEN connection), from a connection of the test's own.
     * Returns how many were ended.
     */
    private static int terminateBackends(PostgresCluster cluster, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.url("postgres"), PostgresCluster.USER, PostgresCluster.PASSWORD);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = '" + database + "' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * The history, oldest first, is {@code before} followed by {@code acknowledged} (the timeouts
     * of the PUTs that answered 200, in order), numbered 1, 2, 3, … without a gap: no acknowledged
     * PUT lost, none applied twice, none that was refused applied.
     */
    private static void assertHistoryIs(SoftAssertions softly, JarServer jar, List<Integer> before, List<Integer> acknowledged) {
        List<Integer> expected = new ArrayList<>(before);
        expected.addAll(acknowledged);
        List<JsonObject> history = history(jar);
        List<Integer> timeouts = history.stream().map(e -> e.getJsonObject("config").getInt("timeout")).toList();
        List<Integer> missing = expected.stream().filter(t -> !timeouts.contains(t)).toList();
        List<Integer> extra = timeouts.stream().filter(t -> !expected.contains(t)).toList();
        List<Integer> twice = timeouts.stream().distinct().filter(t -> timeouts.indexOf(t) != timeouts.lastIndexOf(t)).toList();
        // As strings, so that a mismatch prints on one line.
        softly.assertThat(timeouts.toString()).as("the timeouts of the %d revisions in the history, oldest first, against"
                        + " the %d expected (lost: %s, not acknowledged: %s, more than once: %s)",
                timeouts.size(), expected.size(), missing, extra, twice).isEqualTo(expected.toString());
        softly.assertThat(history.stream().map(e -> e.getJsonNumber("revision").longValue()).toList().toString())
                .as("the revision numbers in the history")
                .isEqualTo(IntStream.rangeClosed(1, history.size()).boxed().toList().toString());
    }

    private static List<Integer> timeoutsInHistory(JarServer jar) {
        return history(jar).stream().map(e -> e.getJsonObject("config").getInt("timeout")).toList();
    }

    /** Every revision in the history, oldest first, page by page. */
    private static List<JsonObject> history(JarServer jar) {
        List<JsonObject> newestFirst = new ArrayList<>();
        String query = "?limit=100";
        while (query != null) {
            HttpResponse<String> page = jar.send(jar.asAdmin(API + "/history" + query).timeout(REQUEST_TIMEOUT).GET().build());
            assertThat(page.statusCode()).as("GET history%s: %s", query, page.body()).isEqualTo(200);
            JsonObject body = JarServer.json(page.body());
            body.getJsonArray("revisions").forEach(entry -> newestFirst.add(entry.asJsonObject()));
            JsonValue next = body.get("nextBefore");
            query = next == null || next.getValueType() == JsonValue.ValueType.NULL ? null : "?limit=100&before=" + next;
        }
        return newestFirst.reversed();
    }

    private static void assertUnavailable(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(503);
        JsonObject body = JarServer.json(response.body());
        assertThat(body.getInt("status_code")).as(what).isEqualTo(503);
        assertThat(body.getJsonObject("error").getString("type")).as(what).isEqualTo("server_error");
        assertThat(body.getJsonObject("error").getString("code")).as(what).isEqualTo("service_unavailable");
        assertThat(body.getString("event_id")).as(what).isNotBlank();
    }

    /** Waits until {@code /health} says {@code status}; returns that body. */
    private static JsonObject awaitHealth(JarServer jar, String status) {
        JsonObject[] last = {null};
        Eventually.until("/health saying \"" + status + "\" (server log " + jar.log().toAbsolutePath() + ")",
                HEALTH_DEADLINE, () -> status.equals((last[0] = health(jar)).getString("status")));
        return last[0];
    }

    private static JsonObject health(JarServer jar) {
        HttpResponse<String> response = jar.send(HttpRequest.newBuilder(jar.uri("/health")).timeout(REQUEST_TIMEOUT).GET().build());
        assertThat(response.statusCode()).as("/health: %s", response.body()).isEqualTo(200);
        return JarServer.json(response.body());
    }

    private static HttpResponse<String> put(JarServer jar, int timeout) {
        return jar.send(jar.asAdmin(API).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"url\":\"http://proxy.example:3128\","
                        + "\"username\":\"gw\",\"password\":\"outage-secret\",\"timeout\":" + timeout + "}"))
                .build());
    }

    private static HttpResponse<String> get(JarServer jar) {
        return jar.send(jar.asAdmin(API).timeout(REQUEST_TIMEOUT).GET().build());
    }
}
