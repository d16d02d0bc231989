package org.proxyconfig.adapters.http;

import java.util.List;
import java.util.Map;

/**
 * A request the HTTP layer refuses before or instead of a use case: route, method, media type,
 * size, parameter, precondition. Carries its status, the BifrostError code and message, and the
 * headers the status calls for ({@code Allow}).
 */
public final class HttpProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, List<String>> headers;
    private final String param;

    private HttpProblem(int status, String code, String message) {
        this(status, code, message, Map.of(), null);
    }

    private HttpProblem(int status, String code, String message, Map<String, List<String>> headers) {
        this(status, code, message, headers, null);
    }

    private HttpProblem(int status, String code, String message, Map<String, List<String>> headers, String param) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
        this.param = param;
    }

    public static HttpProblem notFound(String path) {
        return new HttpProblem(404, "not_found", "no route for path " + path);
    }

    public static HttpProblem methodNotAllowed(String method, String allowed) {
        return new HttpProblem(405, "method_not_allowed",
                "method " + method + " is not allowed here; allowed: " + allowed, Map.of("Allow", List.of(allowed)));
    }

    public static HttpProblem payloadTooLarge(long limit) {
        return new HttpProblem(413, "payload_too_large", "the body is larger than " + limit + " bytes");
    }

    public static HttpProblem unsupportedMediaType(String got) {
        return new HttpProblem(415, "unsupported_media_type",
                "Content-Type must be application/json (UTF-8), got " + (got.isEmpty() ? "none" : "'" + got + "'"));
    }




    public static HttpProblem preconditionFailed(String message) {
        return new HttpProblem(412, "precondition_failed", message);
    }

    /** A bad query or path parameter; the message starts with its name. */
    public static HttpProblem badParameter(String name, String reason) {
        return new HttpProblem(400, "invalid_parameter", name + ": " + reason, Map.of(), name);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The parameter the problem is about, when there is one. */
    public java.util.Optional<String> param() {
        return java.util.Optional.ofNullable(param);
    }

    /** Response headers that go with the status. */
    public Map<String, List<String>> headers() {
        return headers;
    }
}
