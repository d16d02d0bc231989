package org.proxyconfig.adapters.egress;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the outbound clients behave beyond what the configuration says.
 *
 * @param readTimeout          how long a response may stay silent once the request is sent (LLM
 *                             responses can think for minutes); apart from the configuration's
 *                             {@code timeout}, which bounds DNS + connect + proxy handshake + TLS
 * @param maxBufferedBytes     the largest body {@link OutboundHttpClient#send} reads whole; a
 *                             streamed response has no cap
 * @param idleTimeout          how long a pooled connection may sit unused before it is closed
 * @param systemTrust          the trust for direct TLS (the JDK's default trust store unless a test
 *                             or an operator says otherwise); proxied TLS adds {@code ca_cert_pem}
 * @param observer             told of every request's route and every failure (metrics); none by default
 */
public record EgressOptions(Duration readTimeout, int maxBufferedBytes, Duration idleTimeout,
                            X509ExtendedTrustManager systemTrust, EgressObserver observer) {

    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public EgressOptions {
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(systemTrust, "systemTrust");
        Objects.requireNonNull(observer, "observer");
        if (readTimeout.isNegative() || readTimeout.isZero()) throw new IllegalArgumentException("readTimeout must be positive");
        if (maxBufferedBytes < 0) throw new IllegalArgumentException("maxBufferedBytes must not be negative");
    }

    public static EgressOptions defaults() {
        return new EgressOptions(DEFAULT_READ_TIMEOUT, DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_IDLE_TIMEOUT,
                TrustManagers.system(), EgressObserver.NONE);
    }

    public EgressOptions withReadTimeout(Duration readTimeout) {
        return new EgressOptions(readTimeout, maxBufferedBytes, idleTimeout, systemTrust, observer);
    }

    public EgressOptions withMaxBufferedBytes(int maxBufferedBytes) {
        return new EgressOptions(readTimeout, maxBufferedBytes, idleTimeout, systemTrust, observer);
    }

    public EgressOptions withSystemTrust(X509ExtendedTrustManager systemTrust) {
        return new EgressOptions(readTimeout, maxBufferedBytes, idleTimeout, systemTrust, observer);
    }

    public EgressOptions withObserver(EgressObserver observer) {
        return new EgressOptions(readTimeout, maxBufferedBytes, idleTimeout, systemTrust, observer);
    }
}
