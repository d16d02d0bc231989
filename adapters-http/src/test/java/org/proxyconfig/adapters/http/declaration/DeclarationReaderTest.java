package org.proxyconfig.adapters.http.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.proxyconfig.application.port.in.Declaration;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.ProxyRoutesDraft;
import org.proxyconfig.domain.RouteProxy;

/** The declaration adapter on its own: files, references, strictness; no server. */
class DeclarationReaderTest {

    private static final String SECRET = "declared-secret-4b1";
    private static final Map<String, String> ENV = Map.of("PROXY_PASSWORD", SECRET, "PROXY_TIMEOUT", "45", "ON", "true");
    private static final UnaryOperator<String> FINGERPRINT = text -> Integer.toHexString(text.hashCode());

    @TempDir
    Path temp;

    private Declaration read(String name, String content) throws IOException {
        Path file = Files.writeString(temp.resolve(name), content);
        return DeclarationReader.read(new DeclarationSource(Optional.empty(), Optional.of(file), Map.of()), ENV, FINGERPRINT)
                .orElseThrow();
    }

    @Test
    void readsJsonAndYamlAlikeAndResolvesReferencesOfEveryKind() throws IOException {
        Declaration json = read("proxy.json", """
                {"enabled":"${ON}","url":"http://proxy.corp:3128","username":"gw","password":"${PROXY_PASSWORD}",
                 "timeout":"${PROXY_TIMEOUT}","enable_for_api":true}""");
        Declaration yaml = read("proxy.yaml", """
                enabled: ${ON}
                url: http://proxy.corp:3128
                username: gw
                password: ${PROXY_PASSWORD}
                timeout: ${PROXY_TIMEOUT}
                enable_for_api: true
                """);

        assertThat(json.draft().get(ConfigField.ENABLED)).isEqualTo(true);
        assertThat(json.draft().get(ConfigField.TIMEOUT)).isEqualTo(45L);
        assertThat(json.draft().get(ConfigField.PASSWORD)).isEqualTo(SECRET);
        assertThat(yaml.draft()).isEqualTo(json.draft());
        assertThat(yaml.fingerprint()).as("the same declaration, whatever its layout").isEqualTo(json.fingerprint());
        assertThat(json.mode()).isEqualTo(Declaration.Mode.SEED);
    }

    @Test
    void refusesAnUnknownFieldListingTheRealOnes() {
        assertThatThrownBy(() -> read("proxy.json", "{\"enabled\":false,\"no_proxies\":\"x\"}"))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageContaining("no_proxies: is not a field")
                .hasMessageContaining("enabled, type, url, username, password, no_proxy, timeout, skip_tls_verify,"
                        + " enable_for_scim, enable_for_inference, enable_for_api, ca_cert_pem");
    }

    @Test
    void refusesAMissingVariableAndTheKeepPasswordMarkerWithoutShowingValues() {
        assertThatThrownBy(() -> read("proxy.json", "{\"password\":\"${NOT_SET}\",\"username\":\"gw\"}"))
                .isInstanceOf(InvalidDeclarationException.class).hasMessageContaining("NOT_SET, which is not set");
        assertThatThrownBy(() -> read("proxy.json", "{\"password\":\"<redacted>\",\"username\":\"gw\"}"))
                .isInstanceOf(InvalidDeclarationException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> read("proxy.yaml", "password: ${PROXY_PASSWORD}\nurl: ftp://x:21\n"))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageContaining("proxy.yaml").hasMessageContaining("url")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    private static final String ROUTE_SECRET = "declared-route-secret-7c2";
    private static final Map<String, String> ROUTE_ENV = Map.of("PROXY_PASSWORD", SECRET, "ROUTE_PASSWORD", ROUTE_SECRET,
            "ROUTE_TIMEOUT", "9");

    private Declaration readWithRoutes(String name, String content) throws IOException {
        Path file = Files.writeString(temp.resolve(name), content);
        return DeclarationReader.read(new DeclarationSource(Optional.of("enforce"), Optional.of(file), Map.of()), ROUTE_ENV,
                FINGERPRINT).orElseThrow();
    }

    private static final String ROUTES_JSON = """
            {"enabled":true,"url":"http://proxy.corp:3128","username":"gw","password":"${PROXY_PASSWORD}","enable_for_api":true,
             "routes":[{"match":".direct.example","via":"direct"},
                       {"match":"api.example.com","purposes":["api","inference"],"via":{"type":"http",
                        "url":"http://second.corp:8080","username":"r","password":"${ROUTE_PASSWORD}","timeout":"${ROUTE_TIMEOUT}",
                        "skip_tls_verify":true}}]}""";

    @Test
    void readsRoutesFromJsonAndYamlAlikeWithReferencesInARoutePassword() throws IOException {
        Declaration json = readWithRoutes("proxy.json", ROUTES_JSON);
        Declaration yaml = readWithRoutes("proxy.yaml", """
                enabled: true
                url: http://proxy.corp:3128
                username: gw
                password: ${PROXY_PASSWORD}
                enable_for_api: true
                routes:
                  - match: .direct.example
                    via: direct
                  - match: api.example.com
                    purposes: [inference, api]
                    via:
                      type: http
                      url: http://second.corp:8080
                      username: r
                      password: ${ROUTE_PASSWORD}
                      timeout: ${ROUTE_TIMEOUT}
                      skip_tls_verify: true
                """);

        ProxyRoutes routes = json.routes().orElseThrow().resolveAgainst(ProxyRoutes.NONE);
        assertThat(routes.size()).isEqualTo(2);
        RouteProxy own = routes.get(1).via().ownProxy().orElseThrow();
        assertThat(own.password().reveal()).isEqualTo(ROUTE_SECRET);
        assertThat(own.timeoutSeconds()).isEqualTo(9);
        assertThat(own.skipTlsVerify()).isTrue();
        assertThat(yaml.routes()).isEqualTo(json.routes());
        assertThat(yaml.fingerprint()).as("the same declaration, whatever its layout").isEqualTo(json.fingerprint());
        assertThat(json.mode()).isEqualTo(Declaration.Mode.ENFORCE);
    }

    @Test
    void yamlRoutesKeepTheirOrderBeyondTenEntries() throws IOException {
        StringBuilder yaml = new StringBuilder("enabled: false\nroutes:\n");
        for (int i = 0; i < 12; i++) yaml.append("  - match: host").append(i).append(".example\n    via: direct\n");

        Declaration declared = readWithRoutes("many.yaml", yaml.toString());

        assertThat(declared.routes().orElseThrow().routes()).extracting(ProxyRoutesDraft.RouteDraft::match)
                .containsExactly("host0.example", "host1.example", "host2.example", "host3.example", "host4.example",
                        "host5.example", "host6.example", "host7.example", "host8.example", "host9.example",
                        "host10.example", "host11.example");
    }

    @Test
    void theRoutesArePartOfTheFingerprintAndADeclarationWithoutThemKeepsTheFingerprintItHadBefore() throws IOException {
        Declaration with = readWithRoutes("with.json", ROUTES_JSON);
        Declaration otherPassword = DeclarationReader.read(new DeclarationSource(Optional.empty(),
                Optional.of(temp.resolve("with.json")), Map.of()), Map.of("PROXY_PASSWORD", SECRET, "ROUTE_PASSWORD", "another",
                "ROUTE_TIMEOUT", "9"), FINGERPRINT).orElseThrow();
        Declaration none = read("none.json", "{\"enabled\":true,\"url\":\"http://proxy.corp:3128\",\"enable_for_api\":true}");
        Declaration empty = read("empty.json", "{\"enabled\":true,\"url\":\"http://proxy.corp:3128\",\"enable_for_api\":true,"
                + "\"routes\":[]}");

        assertThat(otherPassword.fingerprint()).as("a changed route password is a changed file").isNotEqualTo(with.fingerprint());
        assertThat(none.routes()).as("no routes declared: the stored ones are kept").isEmpty();
        assertThat(empty.routes()).as("an empty list declares that there are none").hasValue(ProxyRoutesDraft.of(List.of()));
        assertThat(empty.fingerprint()).isNotEqualTo(none.fingerprint());
        String before = """
                enabled=true
                type=http
                url=http://proxy.corp:3128
                username=
                password=
                no_proxy=
                timeout=0
                skip_tls_verify=false
                enable_for_scim=false
                enable_for_inference=false
                enable_for_api=true
                ca_cert_pem=""";
        assertThat(none.fingerprint()).as("the text fingerprinted before routes and failover existed")
                .isEqualTo(FINGERPRINT.apply(before));
    }

    @Test
    void aDeclarationThatUsesNoFailoverKeepsTheFingerprintItHadBeforeFailoverExisted() throws IOException {
        Path file = Files.writeString(temp.resolve("routes.json"), ROUTES_JSON);
        Declaration declared = DeclarationReader.read(new DeclarationSource(Optional.empty(), Optional.of(file), Map.of()),
                ROUTE_ENV, UnaryOperator.identity()).orElseThrow(); // the fingerprint is the canonical text itself

        assertThat(declared.fingerprint()).isEqualTo(String.join("\n",
                "enabled=true", "type=http", "url=http://proxy.corp:3128", "username=gw", "password=" + SECRET,
                "no_proxy=", "timeout=0", "skip_tls_verify=false", "enable_for_scim=false",
                "enable_for_inference=false", "enable_for_api=true", "ca_cert_pem=",
                "routes:",
                "routes[0]=.direct.example\u0000scim,inference,api\u0000direct",
                "routes[1]=api.example.com\u0000inference,api\u0000" + String.join("\u0000",
                        "http", "http://second.corp:8080", "r", ROUTE_SECRET, "9", "true", "")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a bad URL          | [{"match":"a.example","via":"direct"},{"match":"b.example","via":{"url":"ftp://p:21","username":"r","password":"${ROUTE_PASSWORD}"}}] | routes[1].via.url:
            an unknown member  | [{"match":"a.example","via":"direct","purpose":["api"]}]                                                      | routes[0].purpose: is not a member
            a wrong type       | [{"match":"a.example","via":{"url":"http://p:1","timeout":"soon"}}]                                            | routes[0].via.timeout: must be a whole number
            a missing variable | [{"match":"a.example","via":{"url":"http://p:1","username":"r","password":"${NOT_SET}"}}]                     | routes[0].via.password: refers to the environment variable NOT_SET
            the keep marker    | [{"match":"a.example","via":{"url":"http://p:1","username":"r","password":"<redacted>"}}]                    | routes[0].via.password: '<redacted>' keeps a stored password
            not a list         | {"match":"a.example","via":"direct"}                                                                          | routes: must be an array
            """)
    void aBadRouteIsRefusedInOneLineNamingTheFileAndItsPathButNeverTheSecret(String what, String routes, String expected) {
        String content = "{\"enabled\":true,\"url\":\"http://proxy.corp:3128\",\"routes\":" + routes + "}";

        assertThatThrownBy(() -> readWithRoutes("routes.json", content))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith("the declarative configuration routes.json is invalid: " + expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ROUTE_SECRET).doesNotContain("\n"));
    }

    @Test
    void declaresNothingWhenNoSourceIsGiven() {
        assertThat(DeclarationReader.read(DeclarationSource.NONE, ENV, FINGERPRINT)).isEmpty();
    }
}
