package org.proxyconfig.adapters.egress;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust decisions of outbound TLS: the system roots, the system roots plus the certificates
 * of {@code ca_cert_pem}, or (only ever for proxied traffic, when {@code skip_tls_verify} is set)
 * no verification at all.
 */
public final class TrustManagers {

    private TrustManagers() {
    }

    /** The JDK's default trust: its {@code cacerts}, or the store named by {@code javax.net.ssl.trustStore}. */
    public static X509ExtendedTrustManager system() {
        return fromKeyStore(null);
    }

    /** Trusts exactly the given certificates as anchors (PKIX, with the JDK's hostname checks). */
    public static X509ExtendedTrustManager trusting(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("ca-" + i, anchors.get(i));
            }
            return fromKeyStore(store);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust store in memory", e);
        }
    }

    /** A client-side TLS context that verifies servers with {@code trust}. */
    public static SSLContext clientContext(X509ExtendedTrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context", e);
        }
    }

    /** Every {@code CERTIFICATE} block of a PEM text; text between blocks is ignored. */
    public static List<X509Certificate> parsePem(String pem) {
        final String begin = "-----BEGIN CERTIFICATE-----";
        final String end = "-----END CERTIFICATE-----";
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int at = pem.indexOf(begin); at >= 0; at = pem.indexOf(begin, at)) {
                int endAt = pem.indexOf(end, at);
                if (endAt < 0) throw new IllegalArgumentException("ca_cert_pem: a certificate has no END line");
                byte[] block = pem.substring(at, endAt + end.length()).getBytes(StandardCharsets.US_ASCII);
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block)));
                at = endAt + end.length();
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("ca_cert_pem: a certificate cannot be read", e);
        }
    }

    /**
     * Accepts a chain when any of {@code delegates} accepts it, in order; when all refuse, the
     * first refusal is thrown (the system roots' reason is the most telling). Each delegate is an
     * extended trust manager, so its hostname verification is kept.
     */
    public static X509ExtendedTrustManager anyOf(X509ExtendedTrustManager... delegates) {
        return new Composite(List.of(delegates));
    }

    /** Accepts every certificate and checks no host name: only for {@code skip_tls_verify}. */
    public static X509ExtendedTrustManager acceptingAll() {
        return AcceptAll.INSTANCE;
    }

    private static X509ExtendedTrustManager fromKeyStore(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) return x;
            }
            throw new IllegalStateException("the JDK's trust manager factory gave no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialize the JDK's trust manager", e);
        }
    }

    @FunctionalInterface
    private interface Check {
        void run(X509ExtendedTrustManager tm) throws CertificateException;
    }

    private static final class Composite extends X509ExtendedTrustManager {

        private final List<X509ExtendedTrustManager> delegates;

        Composite(List<X509ExtendedTrustManager> delegates) {
            if (delegates.isEmpty()) throw new IllegalArgumentException("no trust manager to compose");
            this.delegates = delegates;
        }

        private void firstAccepting(Check check) throws CertificateException {
            CertificateException first = null;
            for (X509ExtendedTrustManager tm : delegates) {
                try {
                    check.run(tm);
                    return;
                } catch (CertificateException e) {
                    if (first == null) first = e;
                }
            }
            throw first;
        }

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            firstAccepting(tm -> tm.checkServerTrusted(chain, authType, socket));
        }

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            firstAccepting(tm -> tm.checkServerTrusted(chain, authType, engine));
        }

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            firstAccepting(tm -> tm.checkServerTrusted(chain, authType));
        }

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            firstAccepting(tm -> tm.checkClientTrusted(chain, authType, socket));
        }

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            firstAccepting(tm -> tm.checkClientTrusted(chain, authType, engine));
        }

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            firstAccepting(tm -> tm.checkClientTrusted(chain, authType));
        }

        @Override public X509Certificate[] getAcceptedIssuers() {
            return delegates.stream().flatMap(tm -> Arrays.stream(tm.getAcceptedIssuers()))
                    .distinct().toArray(X509Certificate[]::new);
        }
    }

    private static final class AcceptAll extends X509ExtendedTrustManager {

        static final AcceptAll INSTANCE = new AcceptAll();

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }

        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
