package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, as an operator runs it: {@code java -jar bootstrap/target/proxy-config.jar}
 * with the libs beside it, configured by environment, stopped by SIGTERM.
 */
class RunnableJarIT {

    @TempDir
    Path dataDir;

    @Test
    void theJarStartsServesStopsCleanlyOnSigtermAndKeepsItsData() throws Exception {
        assertThat(PackagedJar.JAR).exists();
        assertThat(PackagedJar.JAR.resolveSibling("libs")).isDirectory();
        int port = PackagedJar.freePort();

        Path firstLog = dataDir.resolveSibling(dataDir.getFileName() + "-first.log");
        Process first = start(port, firstLog);
        String token;
        try {
            PackagedJar.awaitHealth(first, port, firstLog.toString());
            token = generatedToken(firstLog);
            HttpResponse<String> put = PackagedJar.send(HttpRequest.newBuilder(PackagedJar.uri(port, "/api/proxy-config"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"enabled\":true,\"url\":\"proxy.example:3128\",\"username\":\"u\",\"password\":\"jar-secret-5x\"}"))
                    .build());
            assertThat(put.statusCode()).isEqualTo(200);
        } finally {
            first.destroy(); // SIGTERM
        }
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s of SIGTERM").isTrue();
        String log = Files.readString(firstLog);
        assertThat(log).contains("proxy-config listening on http://127.0.0.1:" + port)
                .contains(dataDir.toString())
                .contains("proxy-config stopped cleanly")
                .doesNotContain("jar-secret-5x");

        Path secondLog = dataDir.resolveSibling(dataDir.getFileName() + "-second.log");
        Process second = start(port, secondLog);
        try {
            PackagedJar.awaitHealth(second, port, secondLog.toString());
            String body = PackagedJar.send(HttpRequest.newBuilder(PackagedJar.uri(port, "/api/proxy-config"))
                    .header("Authorization", "Bearer " + token).GET().build()).body();
            assertThat(body).contains("\"url\":\"proxy.example:3128\"").contains("\"password\":\"<redacted>\"");
        } finally {
            second.destroy();
            second.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(secondLog)).as("the token is shown on the first start only").doesNotContain(token);
    }

    @Test
    void aJarThatCannotStartSaysWhatFailedAndWhyWithoutItsSecrets() throws Exception {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-refused.log");
        // Nothing listens on port 1: the database cannot be opened, a refusal with a cause.
        Process jar = start(PackagedJar.freePort(), log, Map.of(
                "PROXY_CONFIG_DB_URL", "jdbc:postgresql://127.0.0.1:1/pc?password=url-secret-4d",
                "PROXY_CONFIG_DB_PASSWORD", "db-secret-8b",
                "PROXY_CONFIG_ADMIN_TOKEN", "jar-admin-secret-2e"));

        assertThat(jar.waitFor(60, TimeUnit.SECONDS)).as("gave up within 60 s").isTrue();
        assertThat(jar.exitValue()).isEqualTo(1);
        String output = Files.readString(log);
        assertThat(output).contains("proxy-config failed to start: "
                        + "org.proxyconfig.adapters.persistence.DatabaseUnavailableException: cannot open the database")
                .contains("127.0.0.1:1")
                .doesNotContain("url-secret-4d").doesNotContain("db-secret-8b").doesNotContain("jar-admin-secret-2e")
                .doesNotContain(": null");
    }

    @Test
    void aJarGivenAKeyThatIsNotItsCertificatesSaysSoInOneLineWithoutTheKey() throws Exception {
        var pki = new org.proxyconfig.adapters.http.tls.OpensslPki(Files.createDirectories(dataDir.resolveSibling("pki")));
        var ca = pki.ca("jar-ca");
        var mine = pki.issue(ca, "jar-server", "/CN=jar.test", "ec", 2);
        var theirs = pki.issue(ca, "jar-other", "/CN=other.test", "ec", 2);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-tls-refused.log");
        Process jar = start(PackagedJar.freePort(), log, Map.of("PROXY_CONFIG_ADMIN_TOKEN", "jar-admin-secret-2e",
                "PROXY_CONFIG_TLS_CERT", mine.certificate().toString(), "PROXY_CONFIG_TLS_KEY", theirs.key().toString()));

        assertThat(jar.waitFor(60, TimeUnit.SECONDS)).as("gave up within 60 s").isTrue();
        assertThat(jar.exitValue()).isEqualTo(1);
        String keyBody = Files.readAllLines(theirs.key()).get(1);
        List<String> report = Files.readAllLines(log).stream().filter(line -> line.contains("failed to start")).toList();
        assertThat(report).containsExactly("proxy-config failed to start: org.proxyconfig.adapters.http.tls.InvalidTlsFileException: "
                + "PROXY_CONFIG_TLS_KEY (" + theirs.key() + "): the key does not belong to the certificate in PROXY_CONFIG_TLS_CERT (CN=jar.test)");
        assertThat(Files.readString(log)).doesNotContain(keyBody.substring(0, 24)).doesNotContain("\tat ");
    }

    @Test
    void withJsonLogsEveryLineIsOneObjectAndNoneHoldsASecret() throws Exception {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-json.log");
        int port = PackagedJar.freePort();
        String token = "jar-json-admin-token-5c1a";
        String password = "jar-json-Proxy-Pass-8e03";
        Process jar = start(port, log, Map.of("PROXY_CONFIG_ADMIN_TOKEN", token, "PROXY_CONFIG_LOG_FORMAT", "json"));
        try {
            PackagedJar.awaitHealth(jar, port, log.toString());
            var client = java.net.http.HttpClient.newHttpClient();
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(PackagedJar.uri(port, "/api/proxy-config"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"url\":\"http://proxy.example:3128\","
                            + "\"username\":\"gw\",\"password\":\"" + password + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(PackagedJar.uri(port, "/api/proxy-config"))
                    .header("Authorization", "Bearer not-" + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
        } finally {
            jar.destroy();
            assertThat(jar.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        List<jakarta.json.JsonObject> objects = lines.stream()
                .map(line -> jakarta.json.Json.createReader(new java.io.StringReader(line)).readObject()).toList();
        assertThat(objects).allSatisfy(o -> assertThat(o.keySet()).contains("time", "level", "logger", "message"));
        assertThat(objects).anySatisfy(o -> {
            assertThat(o.getString("message")).startsWith("audit: update");
            assertThat(o.getJsonNumber("revision").longValue()).isEqualTo(1);
            assertThat(o.getString("actor")).isEqualTo("admin-token");
        });
        assertThat(objects).anySatisfy(o -> assertThat(o.containsKey("event_id")).isTrue());
        assertThat(String.join("\n", lines)).doesNotContain(password).doesNotContain(token);
    }

    /** The admin token that the first start printed once, on its console. */
    private static String generatedToken(Path log) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(pc_[A-Za-z0-9_-]{43})\\b").matcher(Files.readString(log));
        assertThat(m.find()).as("a generated token on the console").isTrue();
        return m.group(1);
    }

    private Process start(int port, Path log) {
        return start(port, log, Map.of());
    }

    /** @param settings more PROXY_CONFIG_* variables; the jar sees no other than host, port and data dir */
    private Process start(int port, Path log, Map<String, String> settings) {
        return PackagedJar.start(port, dataDir, settings, ProcessBuilder.Redirect.to(log.toFile()));
    }
}
