package org.proxyconfig.adapters.http.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.Secret;

/**
 * Opens a tunnel through an HTTP proxy: {@code CONNECT host:port} (RFC 9110 §9.3.6), with
 * {@code Proxy-Authorization: Basic} when a username is set. Any 2xx opens the tunnel; a 407 (or
 * the 401 some proxies, tinyproxy among them, send for wrong credentials) is
 * {@link EgressFailure#PROXY_AUTH_REQUIRED}; anything else is
 * {@link EgressFailure#PROXY_REFUSED}. No message ever quotes the credentials.
 */
final class HttpConnectHandshake {

    private HttpConnectHandshake() {
    }

    /** The {@code Proxy-Authorization} value for these credentials, or null without a username. */
    static String basicAuthorization(String username, Secret password) {
        if (username.isEmpty()) return null;
        String pair = username + ":" + password.reveal();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param proxy     a connected socket to the proxy (plain or TLS)
     * @param proxyName how messages name the proxy, e.g. {@code http://127.0.0.1:3128}
     */
    static void open(Socket proxy, String proxyName, String host, int port, String username, Secret password,
                     Deadline deadline) throws IOException {
        String authority = Hosts.authority(host, port);
        StringBuilder request = new StringBuilder(128)
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        String authorization = basicAuthorization(username, password);
        if (authorization != null) request.append("Proxy-Authorization: ").append(authorization).append("\r\n");
        request.append("\r\n");
        String doing = "CONNECT " + authority + " through the proxy " + proxyName;
        HttpHead head;
        try {
            deadline.apply(proxy, doing, true);
            OutputStream out = proxy.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = proxy.getInputStream();
            head = HttpHead.read(in);
        } catch (SocketTimeoutException e) {
            throw deadline.timeout(doing, true);
        } catch (HttpHead.HeadException e) {
            throw new EgressException(EgressFailure.UPSTREAM_ERROR, true, doing + ": " + e.getMessage());
        }
        int status = head.status();
        if (status >= 200 && status < 300) return;
        String answered = doing + ": the proxy answered " + status + " " + head.printableReason();
        if (status == 407 || status == 401) {
            throw new EgressException(EgressFailure.PROXY_AUTH_REQUIRED, true, answered
                    + (authorization == null ? " (no username is configured)" : " (the username or password was refused)"));
        }
        throw new EgressException(EgressFailure.PROXY_REFUSED, true, answered);
    }
}
