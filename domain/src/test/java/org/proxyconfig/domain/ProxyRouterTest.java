package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.proxyconfig.domain.RouteDecision.DecidedBy;
import org.proxyconfig.domain.RouteDecision.Route;

class ProxyRouterTest {

    private static final ProxyEndpoint PROXY = new ProxyEndpoint("http", "proxy.corp", 3128);

    @ParameterizedTest
    @EnumSource(Purpose.class)
    void sendsDirectWhenTheMasterSwitchIsOff(Purpose purpose) {
        ProxyRouter router = ProxyRouter.compile(TestConfigs.with(c -> c.enabled(false)).build());

        RouteDecision decision = router.decide(purpose, "api.openai.com", 443);

        assertThat(decision.route()).isEqualTo(Route.DIRECT);
        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.PROXY_DISABLED);
        assertThat(decision.proxy()).isEmpty();
        assertThat(decision.describe()).isEqualTo("proxy disabled");
    }

    @Test
    void sendsDirectWhenDisabledWithoutUrl() {
        ProxyRouter router = ProxyRouter.compile(ProxyConfig.DEFAULTS);

        assertThat(router.decide(Purpose.INFERENCE, "api.openai.com", 443).decidedBy()).isEqualTo(DecidedBy.PROXY_DISABLED);
    }

    @ParameterizedTest
    @CsvSource({
            "SCIM,      false, true,  true",
            "INFERENCE, true,  false, true",
            "API,       true,  true,  false",
    })
    void sendsDirectWhenThePurposeSwitchIsOff(Purpose purpose, boolean scim, boolean inference, boolean api) {
        ProxyRouter router = ProxyRouter.compile(TestConfigs.with(c -> c.purposes(scim, inference, api)).build());

        RouteDecision decision = router.decide(purpose, "api.openai.com", 443);

        assertThat(decision.route()).isEqualTo(Route.DIRECT);
        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.PURPOSE_DISABLED);
        for (Purpose other : Purpose.values()) {
            if (other != purpose) {
                assertThat(router.decide(other, "api.openai.com", 443).decidedBy()).isEqualTo(DecidedBy.PROXY_FOR_PURPOSE);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Purpose.class)
    void sendsThroughTheProxyWhenNothingExemptsTheRequest(Purpose purpose) {
        ProxyRouter router = ProxyRouter.compile(TestConfigs.with(c -> c.noProxy(".corp, 10.0.0.0/8")).build());

        RouteDecision decision = router.decide(purpose, "api.openai.com", 443);

        assertThat(decision.route()).isEqualTo(Route.PROXY);
        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.PROXY_FOR_PURPOSE);
        assertThat(decision.proxy()).contains(PROXY);
        assertThat(decision.rule()).isEmpty();
    }

    @ParameterizedTest(name = "{0}:{1} direct by ''{2}''")
    @CsvSource(delimiter = '|', textBlock = """
            git.internal.example   | 443 | .internal.example
            internal.example       | 443 | .internal.example
            10.9.8.7               | 443 | 10.0.0.0/8
            [fd00::1]              | 443 | fd00::/8
            build.corp             | 8443| .corp:8443
            Git.INTERNAL.Example   | 443 | .internal.example
            BUILD.corp             | 8443| .corp:8443
            """)
    void sendsDirectWhenANoProxyEntryMatches(String host, int port, String entry) {
        ProxyRouter router = ProxyRouter.compile(TestConfigs.with(
                c -> c.noProxy(".internal.example, 10.0.0.0/8, fd00::/8, .corp:8443")).build());

        RouteDecision decision = router.decide(Purpose.API, host, port);

        assertThat(decision.route()).isEqualTo(Route.DIRECT);
        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.NO_PROXY_ENTRY);
        assertThat(decision.rule()).isEqualTo(entry);
        assertThat(decision.proxy()).isEmpty();
        assertThat(decision.describe()).isEqualTo("no_proxy entry '" + entry + "'");
    }

    @ParameterizedTest(name = "{0} entries")
    @ValueSource(ints = {3, NoProxyRules.SMALL_LIST + 8}) // a list scanned in order, and one looked up by hash
    void matchesANameInCapitalsAsItsLowerCaseFormWhateverTheListsLength(int entries) {
        StringBuilder noProxy = new StringBuilder("api.vendor.example,.internal.example");
        for (int i = 2; i < entries; i++) noProxy.append(",host-").append(i).append(".filler.example");
        ProxyRouter router = ProxyRouter.compile(TestConfigs.with(c -> c.noProxy(noProxy.toString())).build());

        for (String host : List.of("API.Vendor.Example", "api.vendor.example", "Git.Internal.EXAMPLE", "git.internal.example")) {
            assertThat(router.decide(Purpose.API, host, 443).route()).as(host).isEqualTo(Route.DIRECT);
        }
        for (String host : List.of("API.Vendor.Examples", "apI.vendor.exampl", "internal.example.org")) {
            assertThat(router.decide(Purpose.API, host, 443).route()).as(host).isEqualTo(Route.PROXY);
        }
    }

    @Test
    void proxiesAPortThatNoPortQualifiedEntryNames() {
        ProxyRouter router = ProxyRouter.compile(TestConfigs.with(c -> c.noProxy(".corp:8443")).build());

        assertThat(router.decide(Purpose.API, "build.corp", 443).route()).isEqualTo(Route.PROXY);
    }

    @ParameterizedTest(name = "{0} is always direct as ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            localhost                  | localhost
            LocalHost.                 | localhost
            app.localhost              | app.localhost
            127.0.0.1                  | 127.0.0.1
            127.9.9.9                  | 127.9.9.9
            ::1                        | ::1
            [::1]                      | ::1
            0:0:0:0:0:0:0:1            | 0:0:0:0:0:0:0:1
            ::ffff:127.0.0.1           | ::ffff:127.0.0.1
            [::FFFF:7f00:1]            | ::ffff:7f00:1
            169.254.169.254            | 169.254.169.254
            169.254.10.20              | 169.254.10.20
            fe80::1                    | fe80::1
            [febf:ffff::1]             | febf:ffff::1
            metadata                   | metadata
            metadata.google.internal   | metadata.google.internal
            Metadata.Google.Internal.  | metadata.google.internal
            100.100.100.200            | 100.100.100.200
            fd00:ec2::254              | fd00:ec2::254
            0.0.0.0                    | 0.0.0.0
            ::                         | ::
            """)
    void sendsAlwaysDirectHostDirectWhateverTheRules(String host, String rule) {
        ProxyRouter router = ProxyRouter.compile(TestConfigs.valid().build());

        RouteDecision decision = router.decide(Purpose.INFERENCE, host, 80);

        assertThat(decision.route()).isEqualTo(Route.DIRECT);
        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.ALWAYS_DIRECT_HOST);
        assertThat(decision.rule()).isEqualTo(rule);
        assertThat(decision.describe()).isEqualTo("always-direct host '" + rule + "'");
    }

    @Test
    void decidesAlwaysDirectHostBeforeNoProxyEntries() {
        ProxyRouter router = ProxyRouter.compile(TestConfigs.with(c -> c.noProxy("*")).build());

        assertThat(router.decide(Purpose.API, "localhost", 80).decidedBy()).isEqualTo(DecidedBy.ALWAYS_DIRECT_HOST);
        assertThat(router.decide(Purpose.API, "example.com", 80).decidedBy()).isEqualTo(DecidedBy.NO_PROXY_ENTRY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost.example.com", "notlocalhost", "metadata.example.com", "128.0.0.1",
            "169.255.0.1", "100.100.100.201", "fec0::1", "fd00:ec2::253", "::2", "::ffff:8.8.8.8", "1.0.0.0"})
    void proxiesHostThatOnlyLooksLikeAnAlwaysDirectOne(String host) {
        ProxyRouter router = ProxyRouter.compile(TestConfigs.valid().build());

        assertThat(router.decide(Purpose.API, host, 443).decidedBy()).isEqualTo(DecidedBy.PROXY_FOR_PURPOSE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"exa mple.com", "a..b", ".example.com", "999.1.1.1", "0177.0.0.1", "2130706433",
            "[::1", "::g", "example.com:443", "http://example.com", "bücher.de", "host\r\nX: y"})
    void refusesAnUnparsableTargetHost(String host) {
        ProxyRouter router = ProxyRouter.compile(TestConfigs.with(c -> c.noProxy("*")).build());

        assertThatThrownBy(() -> router.decide(Purpose.API, host, 443))
                .isInstanceOfSatisfying(InvalidTargetException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_target"))
                .hasMessageStartingWith("target: ");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -443, 65536, Integer.MAX_VALUE})
    void refusesATargetPortOutsideTheRange(int port) {
        ProxyRouter router = ProxyRouter.compile(TestConfigs.valid().build());

        assertThatThrownBy(() -> router.decide(Purpose.API, "example.com", port))
                .isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("port " + port + " is outside 1..65535");
    }

    @Test
    void givesTheProxyEndpointOfTheConfiguredType() {
        ProxyRouter router = ProxyRouter.compile(TestConfigs.with(
                c -> c.type(ProxyType.SOCKS5).url("socks5h://10.0.0.5")).build());

        assertThat(router.decide(Purpose.SCIM, "login.example", 443).proxy())
                .contains(new ProxyEndpoint("socks5h", "10.0.0.5", 1080));
    }

    @Test
    void keepsTheConfigurationItWasCompiledFrom() {
        ProxyConfig config = TestConfigs.valid().build();

        assertThat(ProxyRouter.compile(config).config()).isSameAs(config);
    }
}
