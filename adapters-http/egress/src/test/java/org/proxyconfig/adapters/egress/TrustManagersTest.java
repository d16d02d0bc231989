package org.proxyconfig.adapters.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/** The composite trust of proxied traffic: the system roots plus ca_cert_pem. */
class TrustManagersTest {

    private final TestPki pki = TestPki.get();
    private final X509Certificate[] chain = {pki.certificate};

    @Test
    void theSystemRootsAloneRefuseTheSelfSignedCertificate() {
        assertThatThrownBy(() -> TrustManagers.system().checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void theCompositeAcceptsACertificateFromCaCertPemAndKeepsTheSystemIssuers() {
        X509ExtendedTrustManager composite = TrustManagers.anyOf(TrustManagers.system(),
                TrustManagers.trusting(TrustManagers.parsePem(pki.certificatePem)));

        assertThatCode(() -> composite.checkServerTrusted(chain, "ECDHE_ECDSA")).doesNotThrowAnyException();
        assertThat(composite.getAcceptedIssuers()).contains(pki.certificate)
                .hasSizeGreaterThan(TrustManagers.system().getAcceptedIssuers().length);
    }

    @Test
    void whenEveryDelegateRefusesTheFirstReasonIsThrown() {
        X509ExtendedTrustManager composite = TrustManagers.anyOf(TrustManagers.system(), TrustManagers.system());

        assertThatThrownBy(() -> composite.checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void parsePemReadsEveryCertificateAndSkipsTheTextBetween() {
        String bundle = "# corporate root\n" + pki.certificatePem + "some comment\n" + pki.certificatePem;

        assertThat(TrustManagers.parsePem(bundle)).hasSize(2).allMatch(pki.certificate::equals);
        assertThat(TrustManagers.parsePem("")).isEmpty();
    }
}
