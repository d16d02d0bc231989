package org.proxyconfig.adapters.http.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The certificate and key files as openssl writes them: what is read, and what is refused and how. */
class ServerIdentityTest {

    @TempDir
    static Path dir;

    private static OpensslPki pki;
    private static OpensslPki.Issued ca;

    @BeforeAll
    static void authority() {
        pki = new OpensslPki(dir);
        ca = pki.ca("identity-ca");
    }

    private static ServerIdentity read(OpensslPki.Issued issued) {
        return ServerIdentity.read(issued.certificate(), issued.key(), Instant.now());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa:2048", "ec", "ed25519"})
    void readsPkcs8KeysOfEachAlgorithm(String algorithm) {
        OpensslPki.Issued server = pki.issue(ca, "pkcs8-" + algorithm.replace(':', '-'), "/CN=server", algorithm, 2);

        ServerIdentity identity = read(server);

        assertThat(identity.chain()).containsExactly(server.x509());
        assertThat(identity.key().getAlgorithm()).isIn("RSA", "EC", "EdDSA", "Ed25519");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa:2048", "ec"})
    void readsTheTraditionalRsaAndEcForms(String algorithm) throws IOException {
        OpensslPki.Issued server = pki.issue(ca, "traditional-" + algorithm.replace(':', '-'), "/CN=server", algorithm, 2);
        Path traditional = pki.traditional(server);
        assertThat(Files.readString(traditional)).contains(algorithm.startsWith("rsa") ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY");

        // read() proves the pairing: a signature by the key verifies with the certificate's public key.
        ServerIdentity identity = ServerIdentity.read(server.certificate(), traditional, Instant.now());

        assertThat(identity.key().getAlgorithm()).isEqualTo(algorithm.startsWith("rsa") ? "RSA" : "EC");
    }

    @Test
    void aChainFileKeepsItsOrderLeafFirst() throws IOException {
        OpensslPki.Issued server = pki.issue(ca, "chained", "/CN=server", "ec", 2);
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(server.certificate()) + Files.readString(ca.certificate()));

        ServerIdentity identity = ServerIdentity.read(chain, server.key(), Instant.now());

        assertThat(identity.chain()).containsExactly(server.x509(), ca.x509());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingTheKeyFile() {
        OpensslPki.Issued server = pki.issue(ca, "mine", "/CN=server", "ec", 2);
        OpensslPki.Issued other = pki.issue(ca, "theirs", "/CN=other", "ec", 2);

        assertThatThrownBy(() -> ServerIdentity.read(server.certificate(), other.key(), Instant.now()))
                .isInstanceOf(InvalidTlsFileException.class)
                .hasMessage("PROXY_CONFIG_TLS_KEY (" + other.key() + "): the key does not belong to the certificate in "
                        + "PROXY_CONFIG_TLS_CERT (CN=server)");
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsDate() {
        OpensslPki.Issued expired = pki.issue(ca, "expired", "/CN=server", "ec", -1);

        assertThatThrownBy(() -> read(expired))
                .isInstanceOf(InvalidTlsFileException.class)
                .hasMessage("PROXY_CONFIG_TLS_CERT (" + expired.certificate() + "): the certificate expired on "
                        + expired.x509().getNotAfter().toInstant() + "; renew it");
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheWayOut() {
        OpensslPki.Issued server = pki.issue(ca, "to-encrypt", "/CN=server", "ec", 2);
        Path encrypted = pki.encrypted(server);

        assertThatThrownBy(() -> ServerIdentity.read(server.certificate(), encrypted, Instant.now()))
                .isInstanceOf(InvalidTlsFileException.class)
                .hasMessageStartingWith("PROXY_CONFIG_TLS_KEY (" + encrypted + "): the key is encrypted")
                .hasMessageContaining("openssl pkey");
    }

    @Test
    void filesSwappedOrUnreadableAreRefusedNamingWhichSettingIsWrong() {
        OpensslPki.Issued server = pki.issue(ca, "swapped", "/CN=server", "ec", 2);
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> ServerIdentity.read(server.key(), server.certificate(), Instant.now()))
                .hasMessage("PROXY_CONFIG_TLS_CERT (" + server.key() + "): has no CERTIFICATE block, only: PRIVATE KEY");
        assertThatThrownBy(() -> ServerIdentity.read(server.certificate(), server.certificate(), Instant.now()))
                .hasMessage("PROXY_CONFIG_TLS_KEY (" + server.certificate() + "): has no private key "
                        + "(PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block), only: CERTIFICATE");
        assertThatThrownBy(() -> ServerIdentity.read(missing, server.key(), Instant.now()))
                .hasMessage("PROXY_CONFIG_TLS_CERT (" + missing + "): cannot be read (NoSuchFileException)");
    }

    @Test
    void aDamagedKeyIsRefusedWithoutQuotingIt() throws IOException {
        OpensslPki.Issued server = pki.issue(ca, "damaged", "/CN=server", "rsa:2048", 2);
        String pem = Files.readString(server.key());
        String body = pem.substring(pem.indexOf('\n') + 1, pem.indexOf("-----END")).replace("\n", "");
        byte[] der = Base64.getDecoder().decode(body);
        der[der.length / 2] ^= 0x5A;
        der[10] ^= 0x33;
        Path damaged = dir.resolve("damaged-key.pem");
        String damagedBody = Base64.getEncoder().encodeToString(der);
        Files.writeString(damaged, "-----BEGIN PRIVATE KEY-----\n" + damagedBody + "\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> ServerIdentity.read(server.certificate(), damaged, Instant.now()))
                .isInstanceOf(InvalidTlsFileException.class)
                .hasMessageStartingWith("PROXY_CONFIG_TLS_KEY (" + damaged + "): ")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain(damagedBody.substring(0, 16)).doesNotContain(body.substring(40, 56));
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void textThatIsNotPemIsRefused() throws IOException {
        Path text = dir.resolve("not-pem.txt");
        Files.writeString(text, "hello\n");

        assertThatThrownBy(() -> PrivateKeys.read(text))
                .hasMessage("PROXY_CONFIG_TLS_KEY (" + text + "): is not a PEM file (no -----BEGIN ...----- block)");
    }
}
