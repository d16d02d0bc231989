package org.proxyconfig.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.logging.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.adapters.egress.EgressOptions;
import org.proxyconfig.adapters.egress.OutboundClients;
import org.proxyconfig.adapters.egress.RealProxies;
import org.proxyconfig.adapters.egress.TestPki;
import org.proxyconfig.adapters.egress.TestTargets;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Secret;

/**
 * An operator who turns every logger of the jar's logging.properties up to ALL still never sees the
 * proxy password: Jetty's debug lines print request headers, {@code Proxy-Authorization} among
 * them, so the file pins {@code org.eclipse.jetty} to INFO.
 */
class EgressLogsTest {

    @TempDir
    Path work;

    @Test
    void theProxyPasswordIsInNoLogLineEvenWithEveryLevelAtAll() throws IOException {
        String file;
        try (InputStream in = EgressLogsTest.class.getResourceAsStream("/logging.properties")) {
            file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // What an operator debugging the service would do: every level this file sets, at ALL — but
        // the explicit pin of Jetty (the line under test) is kept.
        String verbose = file.replaceAll("(?m)^((?!org\\.eclipse\\.jetty)[^#=\\n]*\\.level)=\\w+", "$1=ALL");
        LogManager manager = LogManager.getLogManager();
        TestPki pki = TestPki.get();
        String logs;
        int debugRecords;
        try (RealProxies proxies = new RealProxies(work, pki); TestTargets targets = new TestTargets(pki)) {
            manager.readConfiguration(new ByteArrayInputStream(verbose.getBytes(StandardCharsets.UTF_8)));
            CapturedLogs capture = new CapturedLogs();
            ProxyConfig config = ProxyConfig.builder().enabled(true).type(ProxyType.HTTP)
                    .url("http://127.0.0.1:" + proxies.tinyproxyAuth.port).username(RealProxies.USER)
                    .password(Secret.of(RealProxies.PASSWORD)).caCertPem(pki.certificatePem).noProxy("")
                    .enableForApi(true).build();
            try (capture; OutboundClients clients = new OutboundClients(() -> ProxyRouter.compile(config), EgressOptions.defaults())) {
                assertThat(clients.api().get(targets.https("/logs-connect")).status()).isEqualTo(200);
                assertThat(clients.api().get(targets.http("/logs-absolute-form")).status()).isEqualTo(200);
            }
            logs = capture.text();
            debugRecords = capture.belowInfo();
        } finally {
            manager.readConfiguration();
        }
        String basic = Base64.getEncoder().encodeToString((RealProxies.USER + ":" + RealProxies.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(debugRecords).as("the capture sees debug records, so it would see Jetty's").isPositive();
        assertThat(logs).doesNotContain(RealProxies.PASSWORD).doesNotContain(basic);
    }
}
