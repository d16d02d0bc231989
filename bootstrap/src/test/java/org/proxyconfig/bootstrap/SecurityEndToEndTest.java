package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.persistence.EncryptionKeyMismatchException;

/** Security and integrity through the production wiring and a real H2 file (docs/decisions/0006-api-security.md). */
class SecurityEndToEndTest {

    private static final String PATH = "/api/proxy-config";
    private static final String PROXY_PASSWORD = "proxy-Pass-e2e-6a1f0c";

    @TempDir
    Path dataDir;

    private static String config(String host, String password) {
        return "{\"enabled\":true,\"url\":\"http://" + host + ":3128\",\"username\":\"gw\",\"password\":\""
                + password + "\",\"enable_for_api\":true}";
    }

    @Test
    void withoutConfiguredCredentialsTheFirstStartShowsAnAdminTokenOnceAndLaterStartsAcceptIt() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        String token;
        try (RunningServer server = new RunningServer(dataDir, Map.of(), "", new PrintStream(console, true, StandardCharsets.UTF_8))) {
            Matcher m = Pattern.compile("\\b(pc_[A-Za-z0-9_-]{43})\\b").matcher(console.toString(StandardCharsets.UTF_8));
            assertThat(m.find()).as(console.toString(StandardCharsets.UTF_8)).isTrue();
            token = m.group(1);
            assertThat(server.get(PATH).statusCode()).isEqualTo(401);
            assertThat(server.send(server.request(PATH).header("Authorization", "Bearer " + token).GET().build())
                    .statusCode()).isEqualTo(200);
        }

        ByteArrayOutputStream secondConsole = new ByteArrayOutputStream();
        try (RunningServer again = new RunningServer(dataDir, Map.of(), "Bearer " + token,
                new PrintStream(secondConsole, true, StandardCharsets.UTF_8))) {
            assertThat(again.put(PATH, config("proxy.example", PROXY_PASSWORD)).statusCode()).isEqualTo(200);
            assertThat(again.send(again.request(PATH).header("x-api-key", token).GET().build()).statusCode()).isEqualTo(200);
        }
        assertThat(secondConsole.toString(StandardCharsets.UTF_8)).doesNotContain("pc_");
        assertThat(bytesUnder(dataDir)).noneMatch(bytes -> contains(bytes, token));
    }

    @Test
    void aRestartWithTheGeneratedKeyReadsTheDataAndADifferentKeyIsAClearErrorThatTouchesNothing() throws IOException {
        try (RunningServer server = new RunningServer(dataDir)) {
            server.put(PATH, config("proxy.example", PROXY_PASSWORD));
        }
        String before;
        try (RunningServer again = new RunningServer(dataDir)) {
            before = again.get(PATH).body();
            assertThat(before).contains("proxy.example");
        }
        byte[] keyFile = Files.readAllBytes(dataDir.resolve("proxy-config.key"));

        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> new RunningServer(dataDir,
                Map.of("PROXY_CONFIG_ADMIN_TOKEN", RunningServer.ADMIN_TOKEN, "PROXY_CONFIG_ENCRYPTION_KEY", otherKey),
                "Bearer " + RunningServer.ADMIN_TOKEN, System.out))
                .isInstanceOf(EncryptionKeyMismatchException.class)
                .hasMessageContaining("encryption key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(otherKey));

        assertThat(Files.readAllBytes(dataDir.resolve("proxy-config.key"))).isEqualTo(keyFile);
        try (RunningServer rightKey = new RunningServer(dataDir)) {
            assertThat(rightKey.get(PATH).body()).isEqualTo(before);
        }
    }

    @Test
    void thePasswordAndTheTokensAppearNowhereInTheLogsTheResponsesOrTheDatabase() {
        Logger root = Logger.getLogger("");
        Level rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        CapturedLogs logs = new CapturedLogs();
        StringBuilder responses = new StringBuilder();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (RunningServer server = new RunningServer(dataDir,
                Map.of("PROXY_CONFIG_ADMIN_TOKEN", RunningServer.ADMIN_TOKEN, "PROXY_CONFIG_VIEWER_TOKEN", RunningServer.VIEWER_TOKEN),
                "Bearer " + RunningServer.ADMIN_TOKEN, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            List<HttpResponse<String>> all = new ArrayList<>();
            all.add(server.put(PATH, config("proxy.example", PROXY_PASSWORD)));
            all.add(server.get(PATH));
            all.add(server.put(PATH, config("proxy.example", "<redacted>")));
            all.add(server.put(PATH, config("evil.example", "<redacted>")));                   // exfiltration: 400
            all.add(server.put(PATH, config("proxy.example", PROXY_PASSWORD + "\\r\\nX: y")));   // control chars: 400
            all.add(server.put(PATH, "{\"password\":\"" + PROXY_PASSWORD + "\"}"));             // no username: 400
            all.add(server.put(PATH, "{\"password\":\"" + PROXY_PASSWORD + "\",\"password\":\"x\"}")); // duplicate: 400
            all.add(server.send(HttpRequest.newBuilder(server.uri(PATH)).header("Authorization", "Bearer " + RunningServer.VIEWER_TOKEN)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(config("proxy.example", PROXY_PASSWORD))).build())); // 403
            all.add(server.send(HttpRequest.newBuilder(server.uri(PATH)).header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN + "x")
                    .GET().build()));                                                                 // 401
            all.add(server.get(PATH + "/history"));
            all.add(server.post(PATH + "/history/1/restore", ""));
            all.add(server.get(PATH));
            for (HttpResponse<String> r : all) responses.append(r.statusCode()).append(' ').append(r.body()).append('\n');
            assertThat(all).extracting(HttpResponse::statusCode)
                    .containsExactly(200, 200, 200, 400, 400, 400, 400, 403, 401, 200, 200, 200);
        } finally {
            logs.close();
            root.setLevel(rootLevel);
        }

        String everythingSaid = logs.text() + "\n" + responses + "\n" + console.toString(StandardCharsets.UTF_8);
        assertThat(logs.text()).contains("audit: update revision=1"); // the capture saw the server's lines
        for (String secret : List.of(PROXY_PASSWORD, RunningServer.ADMIN_TOKEN, RunningServer.VIEWER_TOKEN)) {
            assertThat(everythingSaid).doesNotContain(secret);
            assertThat(bytesUnder(dataDir)).as(secret).noneMatch(bytes -> contains(bytes, secret));
        }
    }

    @Test
    void manyWritersWithIfMatchAtOnceAreEachAppliedOrRefusedAndNoneIsLost() throws Exception {
        try (RunningServer server = new RunningServer(dataDir)) {
            int writers = 8;
            int rounds = 5;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<int[]>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                results.add(pool.submit(() -> {
                    start.await();
                    int applied = 0, refused = 0;
                    for (int r = 0; r < rounds; r++) {
                        String etag = server.get(PATH).headers().firstValue("ETag").orElseThrow();
                        HttpResponse<String> put = server.send(server.request(PATH).header("If-Match", etag)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(
                                        "{\"timeout\":" + (writer * 100 + r + 1) + "}")).build());
                        if (put.statusCode() == 200) applied++;
                        else if (put.statusCode() == 412) refused++;
                        else throw new AssertionError("unexpected " + put.statusCode() + " " + put.body());
                    }
                    return new int[] {applied, refused};
                }));
            }
            start.countDown();
            int applied = 0, refused = 0;
            for (Future<int[]> f : results) {
                int[] counts = f.get();
                applied += counts[0];
                refused += counts[1];
            }
            pool.shutdown();

            assertThat(applied + refused).isEqualTo(writers * rounds);
            assertThat(applied).isPositive();
            String etag = server.get(PATH).headers().firstValue("ETag").orElseThrow();
            assertThat(etag).isEqualTo("\"" + applied + "\"");
            String history = server.get(PATH + "/history?limit=100").body();
            assertThat(Pattern.compile("\"revision\":").matcher(history).results().count()).isEqualTo(applied);
        }
    }

    @Test
    void historyAndRestoreRoundTripBringsBackTheEarlierPassword() {
        try (RunningServer server = new RunningServer(dataDir)) {
            server.put(PATH, config("first.example", "first-password-1"));
            server.put(PATH, config("second.example", "second-password-2"));

            HttpResponse<String> restore = server.post(PATH + "/history/1/restore", "");
            assertThat(restore.statusCode()).isEqualTo(200);
            assertThat(server.get(PATH).body()).contains("first.example").contains("\"password\":\"<redacted>\"");
            assertThat(server.get(PATH + "/history").body()).contains("\"revision\":3")
                    .doesNotContain("first-password-1", "second-password-2");
            // The restored password is the first one: keeping it ("<redacted>") for the same host
            // is accepted, and the restored revision routes through the first proxy.
            assertThat(server.put(PATH, config("first.example", "<redacted>")).statusCode()).isEqualTo(200);
            assertThat(server.server().active().get().config().password().reveal()).isEqualTo("first-password-1");
        }
    }

    private static List<byte[]> bytesUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<byte[]> all = new ArrayList<>();
            for (Path p : walk.filter(Files::isRegularFile).toList()) all.add(Files.readAllBytes(p));
            return all;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) if (haystack[i + j] != n[j]) continue outer;
            return true;
        }
        return false;
    }
}
