package org.proxyconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyConfigRulesTest {

    private static final String PASSWORD = "hunter2-Sup3rS3cret";
    private static final String CA = TestConfigs.resource("test-ca.pem");
    private static final String CA_2 = TestConfigs.resource("test-ca-2.pem");

    static Stream<Arguments> validConfigurations() {
        return Stream.of(
                arguments("the defaults", (UnaryOperator<TestConfigs>) c -> c.enabled(false).url("")),
                arguments("disabled without url", op(c -> c.enabled(false).url(""))),
                arguments("enabled with url", op(c -> c)),
                arguments("username and password", op(c -> c.username("alice").password(PASSWORD))),
                arguments("username without password", op(c -> c.username("alice"))),
                arguments("username of 256 characters", op(c -> c.username("u".repeat(256)))),
                arguments("password of 1024 characters", op(c -> c.username("alice").password("p".repeat(1024)))),
                arguments("socks5 username with ':'", op(c -> c.type(ProxyType.SOCKS5).url("socks5://p:1080").username("a:b"))),
                arguments("socks5 password of 255 bytes", op(c -> c.type(ProxyType.SOCKS5).url("socks5://p:1080")
                        .username("alice").password("p".repeat(255)))),
                arguments("timeout 0", op(c -> c.timeout(0))),
                arguments("timeout 3600", op(c -> c.timeout(3600))),
                arguments("no_proxy with every entry kind", op(c -> c.noProxy(
                        "*, example.com, .corp, *.svc, 10.1.2.3, ::1, [::1], 10.0.0.0/8, fd00::/8, .corp:8443, [::1]:80"))),
                arguments("no_proxy of 4096 entries in 64 KiB", op(c -> c.noProxy(entries(4096) + ","))),
                arguments("one CA certificate", op(c -> c.caCertPem(CA))),
                arguments("a CA bundle with comments", op(c -> c.caCertPem("# corporate root\n" + CA + "\n# second\n" + CA_2))),
                arguments("a CA certificate with CRLF line breaks", op(c -> c.caCertPem(CA.replace("\n", "\r\n")))),
                arguments("unicode in username", op(c -> c.username("jürgen").password(PASSWORD))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validConfigurations")
    void acceptsValidConfiguration(String name, UnaryOperator<TestConfigs> change) {
        assertThatCode(() -> TestConfigs.with(change).build()).doesNotThrowAnyException();
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                arguments("invalid url", op(c -> c.url("ftp://proxy.corp")), "url", "invalid_proxy_url", "scheme 'ftp'"),
                arguments("invalid url while disabled", op(c -> c.enabled(false).url("http://p/x")), "url", "invalid_proxy_url", "has a path"),
                arguments("enabled without url", op(c -> c.url("")), "url", "url_required", "is required when the proxy is enabled"),
                arguments("line break in url", op(c -> c.url("http://proxy.corp:3128\r\n")), "url", "control_characters", "U+000D at position 23"),
                arguments("line break in username", op(c -> c.username("alice\r\nX-Injected: 1")), "username", "control_characters", "U+000D"),
                arguments("tab in username", op(c -> c.username("al\tice")), "username", "control_characters", "U+0009"),
                arguments("DEL in username", op(c -> c.username("alice\u007f")), "username", "control_characters", "U+007F"),
                arguments("username of 257 characters", op(c -> c.username("u".repeat(257))), "username", "field_too_long", "257 characters long; at most 256"),
                arguments("password without username", op(c -> c.password(PASSWORD)), "username", "username_required", "required when a password is set"),
                arguments("':' in an http username", op(c -> c.username("a:b")), "username", "invalid_username", "must not contain ':'"),
                arguments("':' in a tcp username", op(c -> c.type(ProxyType.TCP).url("tcp://p:3128").username("a:b")), "username", "invalid_username", "proxy type tcp"),
                arguments("socks5 username over 255 bytes", op(c -> c.type(ProxyType.SOCKS5).url("socks5://p").username("ü".repeat(128))), "username", "field_too_long", "255 bytes"),
                arguments("line break in password", op(c -> c.username("alice").password(PASSWORD + "\n")), "password", "control_characters", "control character"),
                arguments("NEL in password", op(c -> c.username("alice").password(PASSWORD + "\u0085")), "password", "control_characters", "control character"),
                arguments("line separator in password", op(c -> c.username("alice").password(PASSWORD + "\u2028")), "password", "control_characters", "control character"),
                arguments("NUL in password", op(c -> c.username("alice").password("\u0000" + PASSWORD)), "password", "control_characters", "control character"),
                arguments("password of 1025 characters", op(c -> c.username("alice").password("p".repeat(1025))), "password", "field_too_long", "longer than 1024"),
                arguments("socks5 password over 255 bytes", op(c -> c.type(ProxyType.SOCKS5).url("socks5://p").username("alice").password("p".repeat(256))), "password", "field_too_long", "255 bytes"),
                arguments("tab in no_proxy", op(c -> c.noProxy("a.com,\tb.com")), "no_proxy", "control_characters", "U+0009"),
                arguments("line break in no_proxy", op(c -> c.noProxy("a.com\nb.com")), "no_proxy", "control_characters", "U+000A"),
                arguments("bad no_proxy entry", op(c -> c.noProxy("ok.com, exa mple.com")), "no_proxy", "invalid_no_proxy", "entry 'exa mple.com'"),
                arguments("no_proxy over 64 KiB", op(c -> c.noProxy("a".repeat(65537))), "no_proxy", "field_too_long", "65537 characters long; at most 65536"),
                arguments("no_proxy of 4097 entries", op(c -> c.noProxy("a,".repeat(4097))), "no_proxy", "too_many_entries", "more than 4096 entries"),
                arguments("negative timeout", op(c -> c.timeout(-1)), "timeout", "invalid_timeout", "from 0 to 3600 seconds"),
                arguments("timeout over an hour", op(c -> c.timeout(3601)), "timeout", "invalid_timeout", "got 3601"),
                arguments("CA that is not PEM", op(c -> c.caCertPem("not a certificate")), "ca_cert_pem", "invalid_ca_cert", "no '-----BEGIN CERTIFICATE-----' block"),
                arguments("CA with a private key", op(c -> c.caCertPem(CA + "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n")),
                        "ca_cert_pem", "invalid_ca_cert", "contains a private key"),
                arguments("CA with another PEM block", op(c -> c.caCertPem("-----BEGIN PUBLIC KEY-----\nMIIE\n-----END PUBLIC KEY-----\n")),
                        "ca_cert_pem", "invalid_ca_cert", "'PUBLIC KEY' block"),
                arguments("CA without END line", op(c -> c.caCertPem(CA.substring(0, CA.indexOf("-----END")))), "ca_cert_pem", "invalid_ca_cert", "no '-----END CERTIFICATE-----' line"),
                arguments("CA with corrupt body", op(c -> c.caCertPem(CA.replace("MIIB", "MIIC"))), "ca_cert_pem", "invalid_ca_cert", "certificate 1 is not a valid X.509 certificate"),
                arguments("second CA of a bundle corrupt", op(c -> c.caCertPem(CA + CA_2.replaceFirst("\n[A-Za-z0-9+/]{20}", "\nAAAAAAAAAAAAAAAAAAAA"))),
                        "ca_cert_pem", "invalid_ca_cert", "certificate 2 is not a valid X.509 certificate"),
                arguments("CA with a tab", op(c -> c.caCertPem(CA.replace("\n", "\n\t"))), "ca_cert_pem", "control_characters", "only line breaks are allowed"),
                arguments("CA over 64 KiB", op(c -> c.caCertPem((CA + "\n").repeat(65536 / CA.length() + 1))), "ca_cert_pem", "field_too_long", "at most 65536"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void rejectsInvalidConfigurationNamingFieldAndReason(String name, UnaryOperator<TestConfigs> change,
                                                         String field, String code, String reason) {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, () -> TestConfigs.with(change).build());

        assertThat(e).as("refused").isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).startsWith(field + ": ").contains(reason);
        assertThat(e.reason()).contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void neverPutsThePasswordInTheMessage(String name, UnaryOperator<TestConfigs> change) {
        TestConfigs config = TestConfigs.with(change);
        if (config.password.isEmpty()) {
            config.password(PASSWORD);
            if (config.username.isEmpty()) config.username("alice");
        }

        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, config::build);

        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("Sup3rS3cret");
    }

    @Test
    void reportsTheFirstBrokenFieldInSpecOrder() {
        TestConfigs config = TestConfigs.with(c -> c.url("ftp://x").password(PASSWORD).noProxy("a b").timeout(-5).caCertPem("x"));

        assertThat(catchThrowableOfType(InvalidFieldException.class, config::check).field()).isEqualTo("url");
        assertThat(catchThrowableOfType(InvalidFieldException.class, config.url("http://p:1")::check).field()).isEqualTo("username");
        assertThat(catchThrowableOfType(InvalidFieldException.class, config.username("alice")::check).field()).isEqualTo("no_proxy");
        assertThat(catchThrowableOfType(InvalidFieldException.class, config.noProxy("")::check).field()).isEqualTo("timeout");
        assertThat(catchThrowableOfType(InvalidFieldException.class, config.timeout(0)::check).field()).isEqualTo("ca_cert_pem");
    }

    @Test
    void rejectsMissingType() {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class,
                () -> ProxyConfigRules.check(false, null, "", "", Secret.NONE, "", 0, ""));

        assertThat(e.field()).isEqualTo("type");
    }

    @Test
    void normalizesNoProxyOnConstruction() {
        ProxyConfig config = TestConfigs.with(c -> c.noProxy(" Example.COM, ,.Corp:8443 ,")).build();

        assertThat(config.noProxy()).isEqualTo("example.com,.corp:8443");
    }

    @Test
    void defaultsAreValidAndUseThirtySecondsTimeout() {
        assertThat(ProxyConfig.DEFAULTS.effectiveTimeoutSeconds()).isEqualTo(30);
        assertThat(ProxyConfig.DEFAULTS.endpoint()).isEmpty();
        assertThat(TestConfigs.with(c -> c.timeout(5)).build().effectiveTimeoutSeconds()).isEqualTo(5);
    }

    /** {@code n} distinct entries of 15 characters each, joined with commas. */
    static String entries(int n) {
        return IntStream.range(0, n).mapToObj(i -> "h%011d.io".formatted(i)).collect(Collectors.joining(","));
    }

    private static UnaryOperator<TestConfigs> op(UnaryOperator<TestConfigs> change) { return change; }
}
