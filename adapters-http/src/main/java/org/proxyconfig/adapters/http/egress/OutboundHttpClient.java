package org.proxyconfig.adapters.http.egress;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;

/**
 * A minimal HTTP/1.1 client for one {@link Purpose} that follows the proxy configuration in force
 * at the moment of each request: it asks its {@code Supplier<ProxyRouter>} (the application's
 * {@code ActiveProxyConfig}) on every call, so a client created once at startup obeys a PUT from
 * the very next request. One connection per request ({@code Connection: close}); responses framed
 * by Content-Length, chunked encoding or the end of the stream; bodies capped.
 */
public final class OutboundHttpClient {

    private final ProxyConnector connector;
    private final Supplier<ProxyRouter> routing;
    private final Purpose purpose;
    private final Duration readTimeout;
    private final int maxResponseBytes;

    public OutboundHttpClient(ProxyConnector connector, Supplier<ProxyRouter> routing, Purpose purpose,
                              Duration readTimeout, int maxResponseBytes) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.routing = Objects.requireNonNull(routing, "routing");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) throw new IllegalArgumentException("readTimeout must be > 0");
        if (maxResponseBytes < 0) throw new IllegalArgumentException("maxResponseBytes < 0");
        this.maxResponseBytes = maxResponseBytes;
    }

    public Purpose purpose() {
        return purpose;
    }

    /** {@code GET uri}. */
    public OutboundResponse get(URI uri) throws IOException {
        return send(OutboundRequest.get(uri));
    }

    /**
     * Sends {@code request} under the configuration in force now.
     *
     * @throws org.proxyconfig.domain.InvalidTargetException when the target host cannot be routed
     * @throws EgressException when the connection, the proxy, TLS or the exchange fails; a
     *                         proxied request is never retried direct
     */
    public OutboundResponse send(OutboundRequest request) throws IOException {
        return exchange(request, routing.get(), false);
    }

    /** Sends the request and returns once the status line and headers arrived (the body is not read). */
    OutboundResponse sendForHead(OutboundRequest request, ProxyRouter router) throws IOException {
        return exchange(request, router, true);
    }

    private OutboundResponse exchange(OutboundRequest request, ProxyRouter router, boolean headOnly) throws IOException {
        URI uri = request.uri();
        String host = uri.getHost();
        int port = request.port();
        try (EgressConnection connection = connector.connectForHttp(router, purpose, host, port, request.isTls())) {
            boolean viaProxy = connection.viaProxy();
            String where = Hosts.authority(host, port) + (viaProxy
                    ? " through the proxy " + connection.decision().proxy().orElseThrow().toUrl() : " (direct)");
            try {
                connection.socket().setSoTimeout((int) Math.min(readTimeout.toMillis(), Integer.MAX_VALUE));
                OutputStream out = new BufferedOutputStream(connection.socket().getOutputStream(), 8192);
                out.write(head(request, connection, host, port).getBytes(StandardCharsets.UTF_8));
                out.write(request.body());
                out.flush();
                InputStream in = new BufferedInputStream(connection.socket().getInputStream(), 8192);
                HttpHead head = HttpHead.read(in);
                while (head.status() >= 100 && head.status() < 200 && head.status() != 101) {
                    head = HttpHead.read(in); // interim responses (100 Continue, 103 Early Hints)
                }
                if (connection.absoluteForm() && head.status() == 407) {
                    throw new EgressException(EgressFailure.PROXY_AUTH_REQUIRED, true,
                            request.method() + " " + where + ": the proxy answered 407 " + head.printableReason()
                                    + (connection.proxyAuthorization() == null ? " (no username is configured)"
                                    : " (the username or password was refused)"));
                }
                byte[] body = headOnly ? new byte[0] : body(in, head, request.method());
                return new OutboundResponse(head.status(), head.reason(), head.headers(), body, connection.decision());
            } catch (SocketTimeoutException e) {
                throw new EgressException(EgressFailure.TIMEOUT, viaProxy, request.method() + " " + where
                        + ": no response within " + readTimeout.toSeconds() + " s", e);
            } catch (ChunkedBody.TooLargeException e) {
                throw tooLarge(request, where, viaProxy);
            } catch (EgressException e) {
                throw e;
            } catch (HttpHead.HeadException | ChunkedBody.MalformedException | SocketException e) {
                throw new EgressException(EgressFailure.UPSTREAM_ERROR, viaProxy,
                        request.method() + " " + where + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new EgressException(EgressFailure.UPSTREAM_ERROR, viaProxy,
                        request.method() + " " + where + ": " + ProxyConnector.shortText(e), e);
            }
        }
    }

    private static String head(OutboundRequest request, EgressConnection connection, String host, int port) {
        URI uri = request.uri();
        String defaultPort = request.isTls() ? "443" : "80";
        String authority = Hosts.authority(host, port);
        String hostHeader = String.valueOf(port).equals(defaultPort) ? authority.substring(0, authority.lastIndexOf(':')) : authority;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String originForm = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String target = connection.absoluteForm() ? "http://" + authority + originForm : originForm;
        StringBuilder head = new StringBuilder(256)
                .append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n");
        request.headers().forEach((name, values) -> values.forEach(
                value -> head.append(name).append(": ").append(value).append("\r\n")));
        if (request.body().length > 0 || List.of("POST", "PUT", "PATCH").contains(request.method())) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        if (connection.proxyAuthorization() != null) {
            head.append("Proxy-Authorization: ").append(connection.proxyAuthorization()).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return head.toString();
    }

    private byte[] body(InputStream in, HttpHead head, String method) throws IOException {
        int status = head.status();
        if (method.equals("HEAD") || status == 204 || status == 304) return new byte[0];
        String transferEncoding = head.first("transfer-encoding").orElse("").toLowerCase(Locale.ROOT);
        if (transferEncoding.endsWith("chunked")) {
            return ChunkedBody.read(in, maxResponseBytes);
        }
        if (!transferEncoding.isEmpty()) {
            throw new HttpHead.HeadException("the response uses an unsupported transfer coding");
        }
        List<String> lengths = head.headers().getOrDefault("content-length", List.of());
        if (!lengths.isEmpty()) {
            long length = contentLength(lengths);
            if (length > maxResponseBytes) throw new ChunkedBody.TooLargeException();
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) throw new HttpHead.HeadException("the connection was closed before the whole body arrived");
            return body;
        }
        byte[] body = in.readNBytes(maxResponseBytes + 1);
        if (body.length > maxResponseBytes) throw new ChunkedBody.TooLargeException();
        return body;
    }

    private static long contentLength(List<String> values) throws HttpHead.HeadException {
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",")) {
                long n;
                try {
                    n = Long.parseLong(part.trim());
                } catch (NumberFormatException e) {
                    throw new HttpHead.HeadException("the response's Content-Length is not a number");
                }
                if (n < 0 || (length >= 0 && n != length)) {
                    throw new HttpHead.HeadException("the response's Content-Length is invalid or ambiguous");
                }
                length = n;
            }
        }
        return length;
    }

    private EgressException tooLarge(OutboundRequest request, String where, boolean viaProxy) {
        return new EgressException(EgressFailure.RESPONSE_TOO_LARGE, viaProxy, request.method() + " " + where
                + ": the response body is larger than " + maxResponseBytes + " bytes");
    }
}
