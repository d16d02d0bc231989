package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proxyconfig.adapters.http.declaration.InvalidDeclarationException;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy configuration declared at start-up, through the production wiring on an H2 data dir:
 * {@code seed} fills an empty store and then lets API edits survive restarts until the file
 * changes; {@code enforce} makes the file win at every start and refuses API writes with 409.
 * {@code ${NAME}} references come from the environment; a bad declaration stops the start with
 * the field and the reason, never the secret.
 */
class DeclarativeConfigurationTest {

    private static final String TOKEN = "declarative-admin-token-9a7e";
    private static final String SECRET = "declared-proxy-secret-61f";

    @TempDir
    Path temp;

    private final HttpClient client = HttpClient.newHttpClient();

    private Path file(String name, String content) throws IOException {
        return Files.writeString(temp.resolve(name), content);
    }

    private Map<String, String> env(Path file, String mode) {
        Map<String, String> env = new HashMap<>();
        env.put("PROXY_CONFIG_HOST", "127.0.0.1");
        env.put("PROXY_CONFIG_PORT", "0");
        env.put("PROXY_CONFIG_DATA_DIR", temp.resolve("data").toString());
        env.put("PROXY_CONFIG_ADMIN_TOKEN", TOKEN);
        env.put("PROXY_PASSWORD", SECRET);
        if (file != null) env.put("PROXY_CONFIG_SEED_FILE", file.toString());
        if (mode != null) env.put("PROXY_CONFIG_SEED_MODE", mode);
        return env;
    }

    private static ProxyConfigServer start(Map<String, String> env) {
        return ProxyConfigServer.start(Settings.load(env), Clock.systemUTC(),
                new PrintStream(PrintStream.nullOutputStream()), env);
    }

    private HttpResponse<String> send(ProxyConfigServer server, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String json(String host) {
        return "{\"enabled\":true,\"url\":\"http://" + host + ":3128\",\"username\":\"gw\","
                + "\"password\":\"${PROXY_PASSWORD}\",\"no_proxy\":\".internal.example\",\"enable_for_api\":true}";
    }

    @Test
    void seedFillsAnEmptyStoreAndApiEditsSurviveRestartsUntilTheFileChanges() throws IOException {
        Path seed = file("proxy.json", json("seeded.example"));
        try (ProxyConfigServer server = start(env(seed, "seed"))) {
            String body = send(server, "GET", "/api/proxy-config", null).body();
            assertThat(body).contains("\"url\":\"http://seeded.example:3128\"").contains("\"password\":\"<redacted>\"");
            assertThat(server.active().revision()).isEqualTo(1);
            assertThat(server.active().get().decide(org.proxyconfig.domain.Purpose.API, "api.example.com", 443)
                    .proxy().orElseThrow().host()).isEqualTo("seeded.example");
            assertThat(send(server, "GET", "/api/proxy-config/history", null).body())
                    .contains("\"actor\":\"declarative:proxy.json\"");
            assertThat(send(server, "PUT", "/api/proxy-config", "{\"enabled\":true,\"url\":\"http://edited.example:3128\","
                    + "\"username\":\"gw\",\"password\":\"edited-pw\"}").statusCode()).isEqualTo(200);
        }
        try (ProxyConfigServer server = start(env(seed, "seed"))) {
            assertThat(server.active().revision()).as("the same file again changes nothing").isEqualTo(2);
            assertThat(send(server, "GET", "/api/proxy-config", null).body()).contains("edited.example");
        }
        Files.writeString(seed, json("reseeded.example"));
        try (ProxyConfigServer server = start(env(seed, null))) { // seed is the default mode
            assertThat(server.active().revision()).isEqualTo(3);
            assertThat(send(server, "GET", "/api/proxy-config", null).body()).contains("reseeded.example");
        }
    }

    @Test
    void enforceWinsAtEveryStartAndRefusesApiWritesWith409() throws IOException {
        Path declared = file("proxy.yaml", """
                enabled: true
                url: "http://enforced.example:3128"
                username: "gw"
                password: "${PROXY_PASSWORD}"
                timeout: 15
                enable_for_inference: true
                """);
        try (ProxyConfigServer server = start(env(null, null))) {
            send(server, "PUT", "/api/proxy-config", "{\"enabled\":true,\"url\":\"http://api-made.example:3128\"}");
        }
        try (ProxyConfigServer server = start(env(declared, "enforce"))) {
            String body = send(server, "GET", "/api/proxy-config", null).body();
            assertThat(body).contains("enforced.example").contains("\"timeout\":15");
            assertThat(server.active().revision()).isEqualTo(2);

            HttpResponse<String> put = send(server, "PUT", "/api/proxy-config", "{\"enabled\":false}");
            assertThat(put.statusCode()).isEqualTo(409);
            assertThat(put.body()).contains("\"code\":\"declarative_config_enforced\"")
                    .contains("proxy.yaml, which is the source of truth");
            assertThat(send(server, "POST", "/api/proxy-config/history/1/restore", null).statusCode()).isEqualTo(409);
            assertThat(send(server, "PUT", "/api/proxy-config/routes",
                    "{\"routes\":[{\"match\":\"a.example\",\"via\":\"direct\"}]}").statusCode())
                    .as("the routes are refused like the main object").isEqualTo(409);
            assertThat(send(server, "PUT", "/api/proxy-config/routes?dry_run=true", "{\"routes\":[]}").statusCode())
                    .isEqualTo(409);
            assertThat(send(server, "GET", "/api/proxy-config/routes", null).statusCode()).isEqualTo(200);
            assertThat(send(server, "POST", "/api/proxy-config/test",
                    "{\"target\":\"https://api.openai.com\",\"purpose\":\"inference\"}").statusCode())
                    .as("the dry run stays allowed").isEqualTo(200);
            assertThat(server.active().revision()).isEqualTo(2);
        }
        try (ProxyConfigServer server = start(env(declared, "enforce"))) {
            assertThat(server.active().revision()).as("no new revision when nothing differs").isEqualTo(2);
        }
    }

    private static final String ROUTE_SECRET = "declared-route-secret-0d4";

    /** A YAML declaration whose route sends {@code routedHost} through a second proxy, its password a reference. */
    private static String withRoutes(String routedHost) {
        return """
                enabled: true
                url: "http://main.example:3128"
                username: gw
                password: ${PROXY_PASSWORD}
                enable_for_api: true
                routes:
                  - match: .direct.example
                    via: direct
                  - match: %s
                    purposes: [api]
                    via:
                      url: "http://second.example:8080"
                      username: route-user
                      password: ${ROUTE_PASSWORD}
                """.formatted(routedHost);
    }

    private Map<String, String> envWithRoutes(Path file, String mode) {
        Map<String, String> env = env(file, mode);
        env.put("ROUTE_PASSWORD", ROUTE_SECRET);
        return env;
    }

    private static String proxyHostFor(ProxyConfigServer server, String host) {
        return server.active().get().decide(org.proxyconfig.domain.Purpose.API, host, 443).proxy()
                .map(p -> p.host()).orElse("direct");
    }

    @Test
    void seededRoutesAreInForceInTheSameRevisionAndYieldToApiEditsUntilTheFileChanges() throws IOException {
        Path seed = file("proxy.yaml", withRoutes("api.example.com"));
        try (CapturedLogs logs = new CapturedLogs()) {
            try (ProxyConfigServer server = start(envWithRoutes(seed, "seed"))) {
                assertThat(server.active().revision()).isEqualTo(1);
                assertThat(proxyHostFor(server, "api.example.com")).isEqualTo("second.example");
                assertThat(proxyHostFor(server, "www.direct.example")).isEqualTo("direct");
                assertThat(proxyHostFor(server, "other.example.com")).isEqualTo("main.example");
                assertThat(server.active().get().decide(org.proxyconfig.domain.Purpose.API, "api.example.com", 443).routeProxy()
                        .orElseThrow().password().reveal()).isEqualTo(ROUTE_SECRET);
                String routes = send(server, "GET", "/api/proxy-config/routes", null).body();
                assertThat(routes).contains("second.example").contains("\"password\":\"<redacted>\"").doesNotContain(ROUTE_SECRET);
                assertThat(send(server, "PUT", "/api/proxy-config/routes", "{\"routes\":[]}").statusCode()).isEqualTo(200);
            }
            try (ProxyConfigServer server = start(envWithRoutes(seed, "seed"))) {
                assertThat(server.active().revision()).as("the same file again changes nothing").isEqualTo(2);
                assertThat(proxyHostFor(server, "api.example.com")).isEqualTo("main.example");
            }
            Files.writeString(seed, withRoutes("models.example.com"));
            try (ProxyConfigServer server = start(envWithRoutes(seed, "seed"))) {
                assertThat(server.active().revision()).isEqualTo(3);
                assertThat(proxyHostFor(server, "models.example.com")).isEqualTo("second.example");
            }
            assertThat(logs.text()).contains("declarative").doesNotContain(ROUTE_SECRET).doesNotContain(SECRET);
        }
    }

    @Test
    void enforcedRoutesReplaceTheStoredOnesAtStartAndAFileWithoutRoutesKeepsThem() throws IOException {
        try (ProxyConfigServer server = start(env(null, null))) {
            send(server, "PUT", "/api/proxy-config", "{\"enabled\":true,\"url\":\"http://api-made.example:3128\",\"enable_for_api\":true}");
            send(server, "PUT", "/api/proxy-config/routes", "{\"routes\":[{\"match\":\"api.example.com\",\"via\":\"direct\"}]}");
        }
        Path mainOnly = file("main.json", json("main.example"));
        try (ProxyConfigServer server = start(envWithRoutes(mainOnly, "enforce"))) {
            assertThat(server.active().revision()).isEqualTo(3);
            assertThat(proxyHostFor(server, "api.example.com")).as("a file without routes keeps the stored ones").isEqualTo("direct");
            assertThat(proxyHostFor(server, "other.example.com")).isEqualTo("main.example");
        }
        Path declared = file("proxy.yaml", withRoutes("api.example.com"));
        try (ProxyConfigServer server = start(envWithRoutes(declared, "enforce"))) {
            assertThat(server.active().revision()).isEqualTo(4);
            assertThat(proxyHostFor(server, "api.example.com")).as("the file's routes win").isEqualTo("second.example");
            assertThat(send(server, "PUT", "/api/proxy-config/routes", "{\"routes\":[]}").statusCode()).isEqualTo(409);
        }
        try (ProxyConfigServer server = start(envWithRoutes(declared, "enforce"))) {
            assertThat(server.active().revision()).as("no new revision when nothing differs").isEqualTo(4);
        }
    }

    @Test
    void aBadRouteStopsTheStartWithOneLineNamingTheFileAndTheRoutesField() throws IOException {
        Path bad = file("routes.yaml", withRoutes("api.example.com").replace("http://second.example:8080", "ftp://second.example:21"));

        assertThatThrownBy(() -> start(envWithRoutes(bad, "seed")))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith("the declarative configuration routes.yaml is invalid: routes[1].via.url: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ROUTE_SECRET).doesNotContain("\n"));
        assertThatThrownBy(() -> start(env(file("unset.yaml", withRoutes("api.example.com")), "seed")))
                .hasMessage("the declarative configuration unset.yaml is invalid: routes[1].via.password: refers to the"
                        + " environment variable ROUTE_PASSWORD, which is not set");
        assertThat(temp.resolve("data").resolve("proxy-config.mv.db")).as("no database was opened").doesNotExist();
    }

    @Test
    void aConfigurationDeclaredInApplicationYamlIsSeededWithItsReferencesResolved() {
        Map<String, String> env = env(null, null);
        env.put("INLINE_PROXY_HOST", "inline.example");
        env.put("INLINE_PROXY_PASSWORD", SECRET);
        Settings settings = Settings.load(env, Config.just(ConfigSources.classpath("declarative-inline.yaml")));
        try (ProxyConfigServer server = ProxyConfigServer.start(settings, Clock.systemUTC(),
                new PrintStream(PrintStream.nullOutputStream()), env)) {
            var config = server.active().get().decide(org.proxyconfig.domain.Purpose.INFERENCE, "api.openai.com", 443);
            assertThat(config.proxy().orElseThrow().host()).isEqualTo("inline.example");
            assertThat(send(server, "GET", "/api/proxy-config", null).body())
                    .contains("\"type\":\"socks5\"").contains("\"timeout\":20").contains("\"password\":\"<redacted>\"");
        }
    }

    @Test
    void aMissingEnvironmentVariableStopsTheStartNamingIt() throws IOException {
        Path seed = file("proxy.json", json("x.example").replace("PROXY_PASSWORD", "NOT_SET_ANYWHERE"));
        assertThatThrownBy(() -> start(env(seed, "seed")))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessage("the declarative configuration proxy.json is invalid: password: refers to the"
                        + " environment variable NOT_SET_ANYWHERE, which is not set");
        assertThat(temp.resolve("data").resolve("proxy-config.mv.db")).as("no database was opened").doesNotExist();
    }

    @Test
    void aBadDeclarationStopsTheStartWithTheFieldAndTheReasonButNeverTheSecret() throws IOException {
        assertThatThrownBy(() -> start(env(file("bad-url.json", "{\"enabled\":true,\"url\":\"ftp://proxy:21\","
                + "\"username\":\"gw\",\"password\":\"${PROXY_PASSWORD}\"}"), "seed")))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith("the declarative configuration bad-url.json is invalid: url: ")
                .hasMessageContaining("ftp")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> start(env(file("typo.yaml", "enabled: true\nenable_for_inferense: true\n"), "seed")))
                .hasMessageStartingWith("the declarative configuration typo.yaml is invalid: enable_for_inferense: is not a field");
        assertThatThrownBy(() -> start(env(file("type.yaml", "enabled: \"yes\"\n"), "enforce")))
                .hasMessage("the declarative configuration type.yaml is invalid: enabled: must be true or false, got a string");
        assertThatThrownBy(() -> start(env(file("keep.json", "{\"username\":\"u\",\"password\":\"<redacted>\"}"), "seed")))
                .hasMessageContaining("password: '<redacted>' keeps a stored password");
        assertThatThrownBy(() -> start(env(file("dup.json", "{\"url\":\"a:1\",\"url\":\"b:2\"}"), "seed")))
                .hasMessageStartingWith("the declarative configuration dup.json is invalid:");
        assertThatThrownBy(() -> start(env(file("ok.json", "{}"), "sometimes")))
                .hasMessage("PROXY_CONFIG_SEED_MODE: 'sometimes' is not a mode: use seed or enforce");
        assertThatThrownBy(() -> start(env(temp.resolve("missing.json"), "seed")))
                .hasMessageStartingWith("cannot read the declarative configuration " + temp.resolve("missing.json"));
        Map<String, String> modeWithoutFile = env(null, "enforce");
        assertThatThrownBy(() -> start(modeWithoutFile)).hasMessageContaining("no configuration is declared");
    }
}
