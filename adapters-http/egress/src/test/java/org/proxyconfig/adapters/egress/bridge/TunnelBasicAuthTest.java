package org.proxyconfig.adapters.egress.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.proxyconfig.adapters.egress.RealProxyFixture;
import org.proxyconfig.domain.ProxyType;

/**
 * HTTPS targets through the authenticating tinyproxy, in a JVM started with
 * {@code -Djdk.http.auth.tunneling.disabledSchemes=} (execution {@code tunnel-basic-auth} of this
 * module's pom): only then do the JDK clients answer a CONNECT's 407 with Basic, from the bridge's
 * Authenticator. With the JDK's default the answer is the 407
 * ({@code BridgesThroughRealProxiesTest.withTheJdkDefaultsBasicIsNotSentOnATunnelAndTheProxysRefusalIsTheAnswer}).
 */
@EnabledIfSystemProperty(named = "jdk.http.auth.tunneling.disabledSchemes", matches = "^$",
        disabledReason = "needs a JVM started with -Djdk.http.auth.tunneling.disabledSchemes= (execution tunnel-basic-auth)")
class TunnelBasicAuthTest {

    @RegisterExtension
    static final RealProxyFixture real = new RealProxyFixture();

    private static BridgeClients bridge;
    private static Runnable restoreJvmDefaults;

    @BeforeAll
    static void start() throws IOException {
        bridge = new BridgeClients(real.pki());
        restoreJvmDefaults = bridge.installUrlConnectionDefaults();
        bridge.use(ProxyType.HTTP, "http://127.0.0.1:" + real.proxies().tinyproxyAuth.port, true);
    }

    @AfterAll
    static void stop() {
        if (restoreJvmDefaults != null) restoreJvmDefaults.run();
    }

    private void assertTunnelledTo(String path, int mark) {
        assertThat(real.proxies().tinyproxyAuth.since(mark))
                .contains("CONNECT " + real.targets().ip + ":" + real.targets().httpsPort() + " HTTP/1.1")
                .contains("Established connection");
        assertThat(real.targets().count(path)).isEqualTo(1);
    }

    @Test
    void theJdkHttpClientAnswersTheTunnels407WithTheBridgesCredentials() throws Exception {
        String path = "/tunnel/" + UUID.randomUUID();
        int mark = real.proxies().tinyproxyAuth.mark();

        assertThat(BridgeClients.send(bridge.jdkClient(), real.targets().https(path)).status()).isEqualTo(200);

        assertTunnelledTo(path, mark);
    }

    @Test
    void httpUrlConnectionAnswersTheTunnels407WithTheBridgesCredentials() throws Exception {
        String path = "/tunnel/" + UUID.randomUUID();
        int mark = real.proxies().tinyproxyAuth.mark();

        assertThat(bridge.urlConnection(real.targets().https(path)).status()).isEqualTo(200);

        assertTunnelledTo(path, mark);
    }
}
