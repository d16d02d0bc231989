package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product path over a real socket with the production wiring and a real H2 file database:
 * PUT, GET redacted, keep the password with "<redacted>", restart on the same data, GET unchanged.
 */
class EndToEndTest {

    private static final String PATH = "/api/proxy-config";
    private static final String SECRET = "e2e-Secret-91d2b7";

    @TempDir
    Path dataDir;

    private static String config(String password) {
        return """
                {"enabled":true,"type":"socks5","url":"socks5h://proxy.corp.example:1080",
                 "username":"gateway","password":"%s","no_proxy":"localhost, .corp.example ,10.0.0.0/8",
                 "timeout":15,"skip_tls_verify":false,"enable_for_scim":false,
                 "enable_for_inference":true,"enable_for_api":true}""".formatted(password);
    }

    @Test
    void aConfigurationSurvivesARestartAndItsPasswordIsNeverShown() throws IOException {
        String afterUpdates;
        try (RunningServer server = new RunningServer(dataDir)) {
            assertThat(server.put(PATH, config(SECRET)).statusCode()).isEqualTo(200);

            HttpResponse<String> got = server.get(PATH);
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).contains("\"password\":\"<redacted>\"")
                    .contains("\"no_proxy\":\"localhost,.corp.example,10.0.0.0/8\"")
                    .doesNotContain(SECRET);

            assertThat(server.put(PATH, config("<redacted>").replace("\"timeout\":15", "\"timeout\":25"))
                    .statusCode()).isEqualTo(200);
            afterUpdates = server.get(PATH).body();
            assertThat(afterUpdates).contains("\"timeout\":25").contains("\"password\":\"<redacted>\"");
        }

        try (RunningServer restarted = new RunningServer(dataDir)) {
            assertThat(restarted.get(PATH).body()).isEqualTo(afterUpdates);
            // The kept password is still the original: re-sending it for a new host is accepted,
            // while "<redacted>" for a new host is refused (the exfiltration guard needs a stored one).
            assertThat(restarted.put(PATH, config("<redacted>").replace("proxy.corp.example", "other.example"))
                    .statusCode()).isEqualTo(400);
        }

        assertThat(filesUnder(dataDir)).isNotEmpty().allSatisfy(file -> {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(contains(bytes, SECRET.getBytes(StandardCharsets.UTF_8))).as(file.toString()).isFalse();
            assertThat(contains(bytes, Base64.getEncoder().encode(SECRET.getBytes(StandardCharsets.UTF_8))))
                    .as(file.toString()).isFalse();
        });
    }

    @Test
    void aRefusedUpdateChangesNothingAcrossARestart() {
        String before;
        try (RunningServer server = new RunningServer(dataDir)) {
            server.put(PATH, config(SECRET));
            before = server.get(PATH).body();
            assertThat(server.put(PATH, config(SECRET).replace("socks5h://", "ftp://")).statusCode()).isEqualTo(400);
            assertThat(server.get(PATH).body()).isEqualTo(before);
        }
        try (RunningServer restarted = new RunningServer(dataDir)) {
            assertThat(restarted.get(PATH).body()).isEqualTo(before);
        }
    }

    private static Stream<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList().stream();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }
}
