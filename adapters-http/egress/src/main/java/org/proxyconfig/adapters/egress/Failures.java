package org.proxyconfig.adapters.egress;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.HttpResponseException;
import org.proxyconfig.domain.EgressFailure;

/**
 * Turns what Jetty (or our own handshakes) failed with into an {@link EgressException}: one of the
 * kinds an operator can act on, and a message that names the route and the target by address only.
 * A library's message is never passed on as it is: it could quote a request, and a request through
 * a proxy carries {@code Proxy-Authorization}. Only the exception's class and a few known texts are.
 */
final class Failures {

    private Failures() {
    }

    static EgressException classify(Throwable failure, RouteProfile profile, String target) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ProxyStage.BeforeProxyPassed before) {
            EgressException e = classify(before.getCause(), profile, target);
            return new EgressException(e.kind(), e.viaProxy(), makesProxyUnusable(e.kind(), before.getCause()),
                    e.getMessage(), e.getCause());
        }
        if (cause instanceof EgressException known) return known;
        boolean viaProxy = !profile.isDirect();
        String doing = (viaProxy ? "request to " + target + " through the proxy " + profile.describe()
                : "direct request to " + target);
        EgressFailure kind;
        String why;
        if (cause instanceof DeadlineHttpClient.ConnectDeadlineExceeded) {
            kind = EgressFailure.TIMEOUT;
            why = cause.getMessage();
        } else if (cause instanceof HttpResponseException tunnel && tunnel.getResponse() != null) {
            int status = tunnel.getResponse().getStatus();
            kind = status == 407 || status == 401 ? EgressFailure.PROXY_AUTH_REQUIRED : EgressFailure.PROXY_REFUSED;
            why = "the proxy answered the CONNECT with " + status
                    + (kind == EgressFailure.PROXY_AUTH_REQUIRED ? " (it wants other credentials)" : "");
        } else if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
            kind = EgressFailure.TIMEOUT;
            why = "no answer in time (" + cause.getClass().getSimpleName() + ")";
        } else if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            kind = EgressFailure.UNKNOWN_HOST;
            why = "a host name does not resolve here";
        } else if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            kind = EgressFailure.CONNECT_FAILED;
            why = (viaProxy ? "the proxy" : "the target") + " refused or cannot be reached";
        } else if (cause instanceof SSLException) {
            kind = EgressFailure.TLS_FAILURE;
            why = "the TLS handshake failed (" + cause.getClass().getSimpleName() + ": " + tlsReason(cause) + ")";
        } else if (cause instanceof EOFException || cause instanceof java.nio.channels.ClosedChannelException) {
            kind = EgressFailure.UPSTREAM_ERROR;
            why = "the connection was closed early";
        } else {
            kind = EgressFailure.UPSTREAM_ERROR;
            why = cause.getClass().getSimpleName();
        }
        return new EgressException(kind, viaProxy, doing + ": " + why);
    }

    /**
     * Before the proxy was passed: a connection that failed or timed out, TLS to the proxy, a broken
     * SOCKS reply (an upstream error) and a 5xx to the CONNECT make the proxy unusable; a refusal
     * of the credentials or of the target (a 4xx CONNECT, a SOCKS error reply) and a name this
     * process could not resolve do not — the next proxy would be told the same.
     */
    static boolean makesProxyUnusable(EgressFailure kind, Throwable cause) {
        return switch (kind) {
            case CONNECT_FAILED, TIMEOUT, TLS_FAILURE, UPSTREAM_ERROR -> true;
            case PROXY_REFUSED -> unwrap(cause) instanceof HttpResponseException tunnel && tunnel.getResponse() != null
                    && tunnel.getResponse().getStatus() >= 500;
            default -> false;
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof java.util.concurrent.CompletionException
                || (t.getClass() == RuntimeException.class) || (t.getClass() == java.io.IOException.class && t.getCause() != null))
                && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        // Jetty reports a certificate problem as an SSLHandshakeException whose cause says why.
        return t;
    }

    /** The JDK's reason for a TLS failure (e.g. "PKIX path building failed"), which holds no secret. */
    private static String tlsReason(Throwable tls) {
        Throwable root = tls;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
