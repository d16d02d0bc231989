package org.proxyconfig.adapters.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.RouteVia;
import org.proxyconfig.domain.Secret;

/** The routes' wire format: strict on the way in, every error named by its path; redacted on the way out. */
class ProxyRoutesJsonTest {

    private static final String PASSWORD = "route-Pa55-never-shown";
    private static final String BODY = """
            {"routes": [
              {"match": ".a.example", "via": "direct"},
              {"match": "b.example, 10.0.0.0/8:443", "purposes": ["inference", "api"], "via": "default"},
              {"match": "c.example", "via": {"type": "socks5", "url": "socks5h://second.example:1080", "username": "bob",
               "password": "%s", "timeout": 9, "skip_tls_verify": true, "ca_cert_pem": null}}
            ]}""".formatted(PASSWORD);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ProxyRoutes read(String body) {
        return ProxyRoutesJson.readDraft(utf8(body)).resolveAgainst(ProxyRoutes.NONE);
    }

    @Test
    void readsEveryKindOfRoute() {
        ProxyRoutes routes = read(BODY);

        assertThat(routes.get(0).via()).isEqualTo(RouteVia.DIRECT);
        assertThat(routes.get(0).purposes()).containsExactlyInAnyOrder(Purpose.values());
        assertThat(routes.get(1).via()).isEqualTo(RouteVia.DEFAULT);
        assertThat(routes.get(1).purposes()).containsExactlyInAnyOrder(Purpose.INFERENCE, Purpose.API);
        RouteProxy own = routes.get(2).via().ownProxy().orElseThrow();
        assertThat(own.type()).isEqualTo(ProxyType.SOCKS5);
        assertThat(own.password().reveal()).isEqualTo(PASSWORD);
        assertThat(own.timeoutSeconds()).isEqualTo(9);
        assertThat(own.skipTlsVerify()).isTrue();
        assertThat(own.caCertPem()).isEmpty();
    }

    @Test
    void writesEveryRouteWithItsPasswordRedactedAndReadsBackTheSameAgainstTheStoredRoutes() {
        ProxyRoutes stored = read(BODY);

        String written = ProxyRoutesJson.write(stored);

        assertThat(written).doesNotContain(PASSWORD).contains("\"password\":\"" + Secret.REDACTED + "\"")
                .startsWith("{\"routes\":[{\"match\":\".a.example\",\"purposes\":[\"scim\",\"inference\",\"api\"],\"via\":\"direct\"}");
        assertThat(ProxyRoutesJson.readDraft(utf8(written)).resolveAgainst(stored)).isEqualTo(stored);
    }

    @Test
    void noRoutesAreAnEmptyList() {
        assertThat(ProxyRoutesJson.write(ProxyRoutes.NONE)).isEqualTo("{\"routes\":[]}");
        assertThat(read("{\"routes\": []}")).isEqualTo(ProxyRoutes.NONE);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                                                                     | routes                  | missing_field
            {"routes": [], "enabled": true}                                        | enabled                 | unknown_field
            {"routes": {}}                                                         | routes                  | invalid_field_type
            {"routes": ["direct"]}                                                 | routes[0]               | invalid_field_type
            {"routes": [{"via": "direct"}]}                                        | routes[0].match         | missing_field
            {"routes": [{"match": 7, "via": "direct"}]}                            | routes[0].match         | invalid_field_type
            {"routes": [{"match": "a.example"}]}                                   | routes[0].via           | missing_field
            {"routes": [{"match": "a.example", "via": "proxy"}]}                   | routes[0].via           | invalid_via
            {"routes": [{"match": "a.example", "via": "direct", "purpose": []}]}   | routes[0].purpose       | unknown_field
            {"routes": [{"match": "a.example", "via": "direct", "purposes": "api"}]} | routes[0].purposes    | invalid_field_type
            {"routes": [{"match": "a.example", "via": "direct", "purposes": ["api", "chat"]}]} | routes[0].purposes[1] | invalid_purposes
            {"routes": [{"match": "a.example", "via": {"url": "p.example:1", "port": 1}}]} | routes[0].via.port | unknown_field
            {"routes": [{"match": "a.example", "via": {"url": 1}}]}                | routes[0].via.url       | invalid_field_type
            {"routes": [{"match": "a.example", "via": {"url": "p.example:1", "timeout": 1.5}}]} | routes[0].via.timeout | invalid_field_type
            {"routes": [{"match": "a.example", "via": {"url": "p.example:1", "skip_tls_verify": "yes"}}]} | routes[0].via.skip_tls_verify | invalid_field_type
            """)
    void refusesABodyNamingThePathOfTheBrokenMember(String body, String param, String code) {
        Throwable e = catchThrowable(() -> ProxyRoutesJson.readDraft(utf8(body)));

        if (e instanceof MalformedBodyException malformed) {
            assertThat(malformed.param()).contains(param);
            assertThat(malformed.code()).isEqualTo(code);
        } else {
            assertThat(e).isInstanceOfSatisfying(InvalidFieldException.class, invalid -> {
                assertThat(invalid.field()).isEqualTo(param);
                assertThat(invalid.code()).isEqualTo(code);
            });
        }
    }

    @Test
    void aDuplicateKeyInsideARouteIsRefused() {
        Throwable e = catchThrowable(() -> ProxyRoutesJson.readDraft(
                utf8("{\"routes\": [{\"match\": \"a.example\", \"via\": \"direct\", \"via\": \"default\"}]}")));

        assertThat(e).isInstanceOfSatisfying(MalformedBodyException.class, m -> assertThat(m.code()).isEqualTo("duplicate_key"));
    }

    @Test
    void moreThan256RoutesAreRefusedOnRoutes() {
        String body = "{\"routes\": [" + "{\"match\": \"a.example\", \"via\": \"direct\"},".repeat(257)
                .replaceAll(",$", "") + "]}";

        Throwable e = catchThrowable(() -> ProxyRoutesJson.readDraft(utf8(body)));

        assertThat(e).isInstanceOfSatisfying(InvalidFieldException.class, invalid -> {
            assertThat(invalid.field()).isEqualTo("routes");
            assertThat(invalid.code()).isEqualTo("too_many_routes");
        });
    }

    @Test
    void aRuleOfTheDomainIsNamedByTheRouteIndexAndNeverQuotesThePassword() {
        Throwable e = catchThrowable(() -> read("""
                {"routes": [{"match": "a.example", "via": "direct"},
                            {"match": "b.example", "via": {"url": "ftp://p.example:21", "password": "%s"}}]}""".formatted(PASSWORD)));

        assertThat(e).isInstanceOfSatisfying(InvalidFieldException.class, invalid -> {
            assertThat(invalid.field()).isEqualTo("routes[1].via.url");
            assertThat(invalid.getMessage()).doesNotContain(PASSWORD);
        });
    }
}
