package org.proxyconfig.adapters.egress;

import java.util.Objects;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The TLS side of outbound connections, scoped as docs/openapi.yaml says of {@code skip_tls_verify}
 * and {@code ca_cert_pem}: direct traffic is always verified against the system trust, with
 * hostname verification; proxied traffic (TLS to an {@code https://} proxy and TLS to a target
 * through any proxy) trusts the system roots plus {@code ca_cert_pem}, or nothing is checked when
 * {@code skip_tls_verify} is set. One factory per pool: a pool's profile fixes its trust.
 */
final class TlsProfiles {

    private final X509ExtendedTrustManager systemTrust;

    TlsProfiles(X509ExtendedTrustManager systemTrust) {
        this.systemTrust = Objects.requireNonNull(systemTrust, "systemTrust");
    }

    SslContextFactory.Client forProfile(RouteProfile profile) {
        SslContextFactory.Client factory = new SslContextFactory.Client();
        if (!profile.isDirect() && profile.skipTlsVerify()) {
            factory.setSslContext(TrustManagers.clientContext(TrustManagers.acceptingAll()));
            factory.setEndpointIdentificationAlgorithm(null);
            return factory;
        }
        X509ExtendedTrustManager trust = profile.isDirect() || profile.caCertPem().isBlank() ? systemTrust
                : TrustManagers.anyOf(systemTrust, TrustManagers.trusting(TrustManagers.parsePem(profile.caCertPem())));
        factory.setSslContext(TrustManagers.clientContext(trust));
        factory.setEndpointIdentificationAlgorithm("HTTPS");
        return factory;
    }
}
