package org.proxyconfig.adapters.http.egress;

import org.proxyconfig.adapters.egress.*;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.proxyconfig.domain.ProxyConfig;

/**
 * The TLS side of outbound connections, scoped as docs/openapi.yaml says of skip_tls_verify and ca_cert_pem: direct traffic is always verified
 * against the system trust; proxied traffic (the TLS connection to an {@code https://} proxy and
 * TLS to a target through the proxy) trusts the system roots plus {@code ca_cert_pem}, or nothing
 * is checked when {@code skip_tls_verify} is set. Building an SSLContext costs milliseconds, so the
 * proxied one is cached for the configuration in force and rebuilt only when its TLS fields change.
 */
final class EgressTls {

    private record Proxied(String caCertPem, boolean skipVerify, SSLSocketFactory factory) {
    }

    private final X509ExtendedTrustManager systemTrust;
    private final SSLSocketFactory direct;
    private volatile Proxied proxied;

    EgressTls(X509ExtendedTrustManager systemTrust) {
        this.systemTrust = Objects.requireNonNull(systemTrust, "systemTrust");
        this.direct = context(systemTrust).getSocketFactory();
    }

    SSLSocketFactory direct() {
        return direct;
    }

    /** The proxied factory for {@code config}; the same instance while its TLS fields are unchanged. */
    SSLSocketFactory proxied(ProxyConfig config) {
        Proxied current = proxied;
        // String.equals is an identity check first: for the config in force this costs nothing.
        if (current != null && current.skipVerify == config.skipTlsVerify()
                && current.caCertPem.equals(config.caCertPem())) {
            return current.factory;
        }
        X509ExtendedTrustManager trust = config.skipTlsVerify() ? TrustManagers.acceptingAll()
                : config.caCertPem().isBlank() ? systemTrust
                : TrustManagers.anyOf(systemTrust, TrustManagers.trusting(TrustManagers.parsePem(config.caCertPem())));
        Proxied built = new Proxied(config.caCertPem(), config.skipTlsVerify(), context(trust).getSocketFactory());
        proxied = built;
        return built.factory;
    }

    /**
     * Runs the TLS handshake over {@code socket} (a direct, tunnelled or proxy connection) for
     * {@code host}: SNI for names, and hostname verification unless {@code verify} is false.
     */
    static SSLSocket handshake(SSLSocketFactory factory, Socket socket, String host, int port, boolean verify)
            throws IOException {
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        if (verify) parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!Hosts.isIpLiteral(host)) parameters.setServerNames(List.of(new SNIHostName(Hosts.stripDot(host))));
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static SSLContext context(X509ExtendedTrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context", e);
        }
    }
}
