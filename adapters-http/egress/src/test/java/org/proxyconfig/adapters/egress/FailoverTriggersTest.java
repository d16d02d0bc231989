package org.proxyconfig.adapters.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.client.transport.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyEndpoint;

/**
 * Every failover trigger and non-trigger (docs/decisions/0016-proxy-failover.md): what a new
 * connection through a proxy failed with, before or after the proxy was passed, and whether the
 * next proxy of the list may carry the request.
 */
class FailoverTriggersTest {

    private static final ProxyEndpoint PROXY = new ProxyEndpoint("http", "proxy.corp", 3128);
    private static final RouteProfile THROUGH_PROXY = RouteProfile.proxied(
            ProxyConfig.builder().enabled(true).url(PROXY.toUrl()).build(), PROXY);

    private static HttpResponseException connectAnswered(int status) {
        HttpResponse response = new HttpResponse(new HttpClient().newRequest("http://target.example/"));
        response.status(status);
        return new HttpResponseException("CONNECT answered " + status, response);
    }

    private static EgressException socks(EgressFailure kind) {
        return new EgressException(kind, true, "SOCKS5 handshake: " + kind);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // before the proxy was passed: the proxy could not be used
                Arguments.of("connect refused", before(new ConnectException("Connection refused")), EgressFailure.CONNECT_FAILED, true),
                Arguments.of("connect timed out", before(new DeadlineHttpClient.ConnectDeadlineExceeded(5000)), EgressFailure.TIMEOUT, true),
                Arguments.of("TLS to the proxy", before(new SSLHandshakeException("PKIX path building failed")), EgressFailure.TLS_FAILURE, true),
                Arguments.of("CONNECT answered 502", before(connectAnswered(502)), EgressFailure.PROXY_REFUSED, true),
                Arguments.of("CONNECT answered 503", before(connectAnswered(503)), EgressFailure.PROXY_REFUSED, true),
                Arguments.of("SOCKS handshake broken", before(socks(EgressFailure.UPSTREAM_ERROR)), EgressFailure.UPSTREAM_ERROR, true),
                // before the proxy was passed, but the proxy refused: the next one would be told the same
                Arguments.of("CONNECT answered 407", before(connectAnswered(407)), EgressFailure.PROXY_AUTH_REQUIRED, false),
                Arguments.of("CONNECT answered 403", before(connectAnswered(403)), EgressFailure.PROXY_REFUSED, false),
                Arguments.of("SOCKS credentials rejected", before(socks(EgressFailure.SOCKS_AUTH_REJECTED)), EgressFailure.SOCKS_AUTH_REJECTED, false),
                Arguments.of("SOCKS refused the target", before(socks(EgressFailure.PROXY_REFUSED)), EgressFailure.PROXY_REFUSED, false),
                Arguments.of("target name unknown here", before(new UnknownHostException("target.example")), EgressFailure.UNKNOWN_HOST, false),
                // after the proxy was passed: the target's business
                Arguments.of("target refused", new ConnectException("Connection refused"), EgressFailure.CONNECT_FAILED, false),
                Arguments.of("target TLS", new SSLHandshakeException("PKIX path building failed"), EgressFailure.TLS_FAILURE, false),
                Arguments.of("answer too slow", new TimeoutException("idle"), EgressFailure.TIMEOUT, false),
                Arguments.of("read timed out", new SocketTimeoutException("Read timed out"), EgressFailure.TIMEOUT, false));
    }

    private static Throwable before(Throwable cause) {
        return new ProxyStage.BeforeProxyPassed(cause);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failsOverOnlyWhenTheProxyItselfCannotBeUsed(String what, Throwable failure, EgressFailure kind, boolean failsOver) {
        EgressException e = Failures.classify(failure, THROUGH_PROXY, "target.example:443");

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.viaProxy()).isTrue();
        assertThat(e.proxyUnusable()).as(what).isEqualTo(failsOver);
    }
}
