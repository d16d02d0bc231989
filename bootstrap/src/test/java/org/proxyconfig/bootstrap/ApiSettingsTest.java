package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.proxyconfig.adapters.http.security.ApiCredentials;
import org.proxyconfig.adapters.http.security.Role;
import org.proxyconfig.application.port.in.GeneratedAdminTokenUseCase.GeneratedAdminToken;
import org.proxyconfig.domain.Secret;

/** The API's settings beyond admin and viewer: the egress role's (decision 0011) and how they become credentials, and the TLS files (decision 0012). */
class ApiSettingsTest {

    private static final String GENERATED = "pc_generated-for-this-test";

    private static ApiCredentials credentials(Map<String, String> env) throws Exception {
        Settings settings = Settings.load(env);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(GENERATED.getBytes(StandardCharsets.UTF_8));
        return ApiCredentialSetup.credentials(settings.api(),
                () -> new GeneratedAdminToken(HexFormat.of().formatHex(digest), Optional.of(Secret.of(GENERATED))),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void anEgressTokenAloneLeavesTheFirstStartItsGeneratedAdminToken() throws Exception {
        ApiCredentials credentials = credentials(Map.of("PROXY_CONFIG_EGRESS_TOKEN", "egress-only-token"));

        assertThat(credentials.byToken("egress-only-token")).hasValueSatisfying(p -> assertThat(p.role()).isEqualTo(Role.EGRESS));
        assertThat(credentials.byToken(GENERATED)).hasValueSatisfying(p -> assertThat(p.role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void clientSubjectsAreSeparatedBySemicolonsAndCompareInCanonicalForm() throws Exception {
        ApiCredentials credentials = credentials(Map.of("PROXY_CONFIG_ADMIN_TOKEN", "admin-token-x",
                "PROXY_CONFIG_EGRESS_CLIENT_SUBJECTS", "CN=gateway-1,O=Example ; cn=gateway-2, o=example",
                "PROXY_CONFIG_TLS_CERT", "tls.crt", "PROXY_CONFIG_TLS_KEY", "tls.key", "PROXY_CONFIG_TLS_CLIENT_CA", "ca.crt"));

        assertThat(credentials.byClientSubject(new X500Principal("CN=gateway-1, O=Example")))
                .hasValueSatisfying(p -> assertThat(p.role()).isEqualTo(Role.EGRESS));
        assertThat(credentials.byClientSubject(new X500Principal("CN=Gateway-2,O=Example"))).isPresent();
        assertThat(credentials.byClientSubject(new X500Principal("CN=gateway-3,O=Example"))).isEmpty();
        assertThat(credentials.byToken(GENERATED)).as("admin credentials configured").isEmpty();
    }

    @Test
    void aSubjectThatIsNotADistinguishedNameOrAFlagThatIsNotABooleanStopsTheStartNamingTheVariable() {
        assertThatThrownBy(() -> Settings.load(Map.of("PROXY_CONFIG_EGRESS_CLIENT_SUBJECTS", "gateway-1")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("PROXY_CONFIG_EGRESS_CLIENT_SUBJECTS").hasMessageContaining("gateway-1");
        assertThatThrownBy(() -> Settings.load(Map.of("PROXY_CONFIG_EGRESS_PLAINTEXT_LOOPBACK", "yes")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("PROXY_CONFIG_EGRESS_PLAINTEXT_LOOPBACK");
        assertThat(Settings.load(Map.of("PROXY_CONFIG_EGRESS_PLAINTEXT_LOOPBACK", "TRUE")).api().egressPlaintextLoopback()).isTrue();
        assertThat(Settings.load(Map.of()).api().egressPlaintextLoopback()).isFalse();
    }

    @Test
    void tlsFilesComeInTheirPairsAndClientSubjectsNeedAClientCa() {
        assertThatThrownBy(() -> Settings.load(Map.of("PROXY_CONFIG_TLS_CERT", "tls.crt")))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("PROXY_CONFIG_TLS_KEY: is needed too");
        assertThatThrownBy(() -> Settings.load(Map.of("PROXY_CONFIG_TLS_KEY", "tls.key")))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("PROXY_CONFIG_TLS_CERT: is needed too");
        assertThatThrownBy(() -> Settings.load(Map.of("PROXY_CONFIG_TLS_CLIENT_CA", "ca.crt")))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("PROXY_CONFIG_TLS_CLIENT_CA: mutual TLS needs HTTPS");
        assertThatThrownBy(() -> Settings.load(Map.of("PROXY_CONFIG_EGRESS_CLIENT_SUBJECTS", "CN=gateway-1",
                "PROXY_CONFIG_TLS_CERT", "tls.crt", "PROXY_CONFIG_TLS_KEY", "tls.key")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("without PROXY_CONFIG_TLS_CLIENT_CA");

        Settings tls = Settings.load(Map.of("PROXY_CONFIG_TLS_CERT", "tls.crt", "PROXY_CONFIG_TLS_KEY", " tls.key "));
        assertThat(tls.tls()).hasValueSatisfying(files -> {
            assertThat(files.certificate()).isEqualTo(java.nio.file.Path.of("tls.crt").toAbsolutePath());
            assertThat(files.privateKey()).isEqualTo(java.nio.file.Path.of("tls.key").toAbsolutePath());
            assertThat(files.clientCa()).isEmpty();
        });
        assertThat(Settings.load(Map.of()).tls()).isEmpty();
    }

    @Test
    void metricsAreOpenUnlessViewerIsAskedForAndAnythingElseStopsTheStart() {
        assertThat(Settings.load(Map.of()).api().metricsNeedCredentials()).isFalse();
        assertThat(Settings.load(Map.of("PROXY_CONFIG_METRICS_AUTH", "none")).api().metricsNeedCredentials()).isFalse();
        assertThat(Settings.load(Map.of("PROXY_CONFIG_METRICS_AUTH", "Viewer")).api().metricsNeedCredentials()).isTrue();
        assertThatThrownBy(() -> Settings.load(Map.of("PROXY_CONFIG_METRICS_AUTH", "admin")))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("PROXY_CONFIG_METRICS_AUTH: 'admin'");
    }
}
