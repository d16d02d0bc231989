package org.proxyconfig.adapters.egress;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One outbound HTTP request. The client owns the framing and connection headers ({@code Host},
 * {@code Content-Length}, {@code Transfer-Encoding}, {@code Connection} and its kin) and the proxy's
 * ({@code Proxy-Authorization}, {@code Proxy-Connection}): they depend on the route and the protocol
 * (HTTP/1.1 or HTTP/2) chosen per connection, so a request may not set them.
 *
 * @param headers extra header fields, in order; names are HTTP tokens, values free of CR, LF and NUL
 */
public record OutboundRequest(String method, URI uri, Map<String, List<String>> headers, RequestBody body) {

    private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding",
            "connection", "proxy-authorization", "proxy-connection", "te", "upgrade", "keep-alive");

    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
        if (method.isEmpty() || !method.chars().allMatch(OutboundRequest::isTokenChar)) {
            throw new IllegalArgumentException("method is not an HTTP token");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("uri must be an absolute http:// or https:// URL");
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("uri has no host (or one that cannot be parsed)");
        if (uri.getRawUserInfo() != null) throw new IllegalArgumentException("uri must not carry user:password@");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name.isEmpty() || !name.chars().allMatch(OutboundRequest::isTokenChar)) {
                throw new IllegalArgumentException("header name is not an HTTP token");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by the client itself");
            }
            for (String v : values) {
                if (v.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    throw new IllegalArgumentException("header " + name + " has a CR, LF or NUL in its value");
                }
            }
            copy.put(name, List.copyOf(values));
        });
        headers = Collections.unmodifiableMap(copy);
    }

    public static OutboundRequest get(URI uri) {
        return new OutboundRequest("GET", uri, Map.of(), RequestBody.EMPTY);
    }

    public static OutboundRequest post(URI uri, String contentType, RequestBody body) {
        return new OutboundRequest("POST", uri, Map.of("Content-Type", List.of(contentType)), body);
    }

    public static OutboundRequest post(URI uri, String contentType, byte[] body) {
        return post(uri, contentType, RequestBody.of(body));
    }

    /** This request with one more header value. */
    public OutboundRequest withHeader(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(more.getOrDefault(name, List.of()));
        values.add(value);
        more.put(name, values);
        return new OutboundRequest(method, uri, more, body);
    }

    boolean isTls() {
        return uri.getScheme().equalsIgnoreCase("https");
    }

    int port() {
        return uri.getPort() != -1 ? uri.getPort() : isTls() ? 443 : 80;
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
