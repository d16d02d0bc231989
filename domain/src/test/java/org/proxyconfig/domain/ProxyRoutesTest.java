package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules of the route list: each broken field is named {@code routes[i].<field>}, with the reason. */
class ProxyRoutesTest {

    private static final String PASSWORD = "hunter2-Sup3rS3cret";
    private static final String CA = TestConfigs.resource("test-ca.pem");
    private static final Set<Purpose> ALL = ProxyRoute.ALL_PURPOSES;

    private static RouteProxy.Builder proxy() {
        return RouteProxy.builder().url("http://second.corp:8080").username("bob").password(Secret.of(PASSWORD));
    }

    /** Two good routes, then the one under test at index 2. */
    private static ProxyRoutes.Builder twoGoodRoutes() {
        return ProxyRoutes.builder().add(".a.example", ALL, RouteVia.DIRECT).add("b.example", ALL, proxy());
    }

    static Stream<Arguments> invalidRoutes() {
        return Stream.of(
                arguments("empty match", add(b -> b.add(" , ", ALL, RouteVia.DIRECT)), "routes[2].match", "match_required", "at least one host"),
                arguments("bad match entry", add(b -> b.add("ok.example, exa mple.com", ALL, RouteVia.DIRECT)),
                        "routes[2].match", "invalid_no_proxy", "entry 'exa mple.com'"),
                arguments("CIDR with host bits", add(b -> b.add("10.1.2.3/8", ALL, RouteVia.DIRECT)),
                        "routes[2].match", "invalid_no_proxy", "did you mean 10.0.0.0/8?"),
                arguments("bad port in match", add(b -> b.add(".corp:0", ALL, RouteVia.DIRECT)), "routes[2].match", "invalid_no_proxy", "has port '0'"),
                arguments("tab in match", add(b -> b.add("a.example,\tb.example", ALL, RouteVia.DIRECT)),
                        "routes[2].match", "control_characters", "U+0009"),
                arguments("match over 64 KiB", add(b -> b.add("a".repeat(65537), ALL, RouteVia.DIRECT)), "routes[2].match", "field_too_long", "65537"),
                arguments("no purposes", add(b -> b.add("x.example", Set.of(), RouteVia.DIRECT)), "routes[2].purposes", "invalid_purposes", "at least one of scim"),
                arguments("own proxy without url", add(b -> b.add("x.example", ALL, proxy().url(""))), "routes[2].via.url", "url_required", "route via \"direct\""),
                arguments("own proxy with a bad url", add(b -> b.add("x.example", ALL, proxy().url("ftp://p"))), "routes[2].via.url", "invalid_proxy_url", "scheme 'ftp'"),
                arguments("own proxy on a metadata host", add(b -> b.add("x.example", ALL, proxy().url("http://169.254.169.254"))),
                        "routes[2].via.url", "invalid_proxy_url", ""),
                arguments("own proxy with credentials in the url", add(b -> b.add("x.example", ALL, proxy().url("http://u:p@p.corp"))),
                        "routes[2].via.url", "invalid_proxy_url", ""),
                arguments("socks5 url for an http proxy", add(b -> b.add("x.example", ALL, proxy().url("socks5://p.corp"))),
                        "routes[2].via.url", "invalid_proxy_url", ""),
                arguments("password without username", add(b -> b.add("x.example", ALL, proxy().username(""))),
                        "routes[2].via.username", "username_required", "required when a password is set"),
                arguments("':' in an http username", add(b -> b.add("x.example", ALL, proxy().username("a:b"))),
                        "routes[2].via.username", "invalid_username", "must not contain ':'"),
                arguments("line break in password", add(b -> b.add("x.example", ALL, proxy().password(Secret.of(PASSWORD + "\r\n")))),
                        "routes[2].via.password", "control_characters", "control character"),
                arguments("socks5 password over 255 bytes", add(b -> b.add("x.example", ALL,
                        proxy().type(ProxyType.SOCKS5).url("socks5://p.corp").password(Secret.of("p".repeat(256))))),
                        "routes[2].via.password", "field_too_long", "255 bytes"),
                arguments("timeout over an hour", add(b -> b.add("x.example", ALL, proxy().timeoutSeconds(3601))),
                        "routes[2].via.timeout", "invalid_timeout", "got 3601"),
                arguments("CA with a private key", add(b -> b.add("x.example", ALL,
                        proxy().caCertPem(CA + "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"))),
                        "routes[2].via.ca_cert_pem", "invalid_ca_cert", "contains a private key"),
                arguments("stored password kept with no stored proxy", add(b -> b.add("x.example", ALL, proxy().password(Secret.of(Secret.REDACTED)))),
                        "routes[2].via.password", "password_required", "enter the password"),
                arguments("257 routes", (Consumer<ProxyRoutes.Builder>) b -> {
                    for (int i = 2; i <= ProxyRoutes.MAX_ROUTES; i++) b.add("h" + i + ".example", ALL, RouteVia.DIRECT);
                }, "routes", "too_many_routes", "more than 256 routes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRoutes")
    void rejectsABrokenRouteNamingItsIndexFieldAndReason(String name, Consumer<ProxyRoutes.Builder> change,
                                                         String field, String code, String reason) {
        ProxyRoutes.Builder builder = twoGoodRoutes();

        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, () -> change.accept(builder));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).startsWith(field + ": ").contains(reason).doesNotContain(PASSWORD).doesNotContain("Sup3rS3cret");
    }

    @Test
    void acceptsTwoHundredAndFiftySixRoutes() {
        ProxyRoutes.Builder builder = twoGoodRoutes();
        for (int i = 2; i < ProxyRoutes.MAX_ROUTES; i++) builder.add("h" + i + ".example", ALL, RouteVia.DIRECT);

        assertThat(builder.build().size()).isEqualTo(256);
    }

    @Test
    void refusesTooManyRoutesGivenAsAList() {
        ProxyRoute route = ProxyRoute.of("a.example", ALL, RouteVia.DIRECT);

        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
                () -> ProxyRoutes.of(java.util.Collections.nCopies(257, route)));

        assertThat(e.field()).isEqualTo("routes");
        assertThat(e.code()).isEqualTo("too_many_routes");
        assertThatCode(() -> ProxyRoutes.of(java.util.Collections.nCopies(256, route))).doesNotThrowAnyException();
    }

    @Test
    void refusesMoreMatchEntriesInAllThanOneNoProxyList() {
        String thousand = ProxyConfigRulesTest.entries(1000);
        ProxyRoutes.Builder builder = ProxyRoutes.builder();
        for (int i = 0; i < 4; i++) builder.add(thousand, ALL, RouteVia.DIRECT);
        builder.add(ProxyConfigRulesTest.entries(96), ALL, RouteVia.DIRECT);
        assertThat(builder.build().size()).as("4096 entries are fine").isEqualTo(5);

        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
                () -> builder.add("one-more.example", ALL, RouteVia.DIRECT).build());

        assertThat(e.field()).isEqualTo("routes");
        assertThat(e.code()).isEqualTo("too_many_entries");
    }

    @Test
    void normalizesTheMatchAndKeepsThePurposesAsASet() {
        ProxyRoute route = ProxyRoute.of(" .Anthropic.COM , ,10.0.0.0/8:443 ", List.of(Purpose.API, Purpose.API).stream()
                .collect(java.util.stream.Collectors.toSet()), RouteVia.DIRECT);

        assertThat(route.match().normalized()).isEqualTo(".anthropic.com,10.0.0.0/8:443");
        assertThat(route.purposes()).containsExactly(Purpose.API);
        assertThat(route.appliesTo(Purpose.API)).isTrue();
        assertThat(route.appliesTo(Purpose.SCIM)).isFalse();
    }

    @Test
    void neverShowsARouteProxyPasswordInToString() {
        ProxyRoutes routes = twoGoodRoutes().build();

        assertThat(routes.toString()).doesNotContain(PASSWORD).contains(Secret.REDACTED).contains("second.corp");
        assertThat(routes.get(1).via().ownProxy().orElseThrow().password().reveal()).isEqualTo(PASSWORD);
    }

    @Test
    void comparesRoutesByValue() {
        assertThat(twoGoodRoutes().build()).isEqualTo(twoGoodRoutes().build()).hasSameHashCodeAs(twoGoodRoutes().build());
        assertThat(twoGoodRoutes().build()).isNotEqualTo(ProxyRoutes.builder().add(".a.example", ALL, RouteVia.DIRECT)
                .add("b.example", ALL, proxy().password(Secret.of("other"))).build());
    }

    @Test
    void usesTheMainObjectsDefaultTimeout() {
        assertThat(proxy().build().effectiveTimeoutSeconds()).isEqualTo(ProxyConfig.DEFAULT_TIMEOUT_SECONDS);
        assertThat(proxy().timeoutSeconds(5).build().effectiveTimeoutSeconds()).isEqualTo(5);
    }

    private static Consumer<ProxyRoutes.Builder> add(Consumer<ProxyRoutes.Builder> change) { return change; }
}
