package org.proxyconfig.adapters.http.tls;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.proxyconfig.adapters.egress.TrustManagers;

/**
 * The API's TLS: the certificate and key from PEM files, and with a client CA, mutual TLS that
 * refuses a connection without a certificate that CA issued. All files are read and checked at
 * start (a mistake stops the start with one line naming the file), then watched: a new pair or CA
 * file is used for new connections within {@link #CHECK_EVERY} of being written, no restart
 * (docs/decisions/0012-tls-on-the-api.md).
 */
public final class ApiTls {

    /** How often the files are looked at again; a rotation takes effect within this time. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final TlsFiles files;
    private final ReloadingFiles<RotatingKeyManager.Generation> identity;
    private final Tls tls;

    private ApiTls(TlsFiles files, ReloadingFiles<RotatingKeyManager.Generation> identity, Tls tls) {
        this.files = files;
        this.identity = identity;
        this.tls = tls;
    }

    /** Reads and checks every file; throws {@link InvalidTlsFileException} naming the first that is wrong. */
    public static ApiTls load(TlsFiles files, Clock clock) {
        AtomicLong generations = new AtomicLong();
        var identity = new ReloadingFiles<>("the API's TLS certificate and key", files.identityFiles(),
                () -> new RotatingKeyManager.Generation("api-" + generations.incrementAndGet(),
                        ServerIdentity.read(files.certificate(), files.privateKey(), clock.instant())),
                CHECK_EVERY, clock);
        TrustManager[] trust = files.clientCa()
                .map(ca -> new TrustManager[] {new RotatingTrustManager(new ReloadingFiles<>("the API's client CA",
                        List.of(ca), () -> TrustManagers.trusting(Certificates.read(TlsSetting.CLIENT_CA, ca)), CHECK_EVERY, clock))})
                .orElse(null);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new RotatingKeyManager[] {new RotatingKeyManager(identity)}, trust, null);
            Tls tls = Tls.builder()
                    .sslContext(context)
                    .clientAuth(trust == null ? TlsClientAuth.NONE : TlsClientAuth.REQUIRED)
                    .build();
            return new ApiTls(files, identity, tls);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make a TLS context", e);
        }
    }

    public Tls tls() {
        return tls;
    }

    /** For the start-up line: what is presented, until when, and whether clients must show a certificate. */
    @Override
    public String toString() {
        X509Certificate leaf = identity.current().identity().chain().getFirst();
        return "TLS as " + leaf.getSubjectX500Principal().getName() + " until " + leaf.getNotAfter().toInstant()
                + files.clientCa().map(ca -> ", client certificates from " + ca + " required").orElse("");
    }
}
