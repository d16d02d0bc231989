package org.proxyconfig.adapters.http.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies client certificates against the client CA file on disk now (the JDK's PKIX checks:
 * chain, signature, validity dates). It trusts no server: the API only ever receives connections.
 */
final class RotatingTrustManager extends X509ExtendedTrustManager {

    private final ReloadingFiles<X509ExtendedTrustManager> source;

    RotatingTrustManager(ReloadingFiles<X509ExtendedTrustManager> source) {
        this.source = source;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        source.current().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        source.current().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        source.current().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw notAClient();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw notAClient();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw notAClient();
    }

    /** The CAs named in the handshake's certificate request, so a client can pick the right certificate. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return source.current().getAcceptedIssuers();
    }

    private static CertificateException notAClient() {
        return new CertificateException("the API's TLS verifies clients only");
    }
}
