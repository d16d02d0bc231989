package org.proxyconfig.adapters.http;

/**
 * A request the HTTP layer refuses before any use case runs: wrong method, media type, size or
 * route. Carries its status and the BifrostError code and message.
 */
public final class HttpProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final String allow;

    private HttpProblem(int status, String code, String message) {
        this(status, code, message, null);
    }

    private HttpProblem(int status, String code, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.allow = allow;
    }

    public static HttpProblem notFound(String path) {
        return new HttpProblem(404, "not_found", "no route for path " + path);
    }

    public static HttpProblem methodNotAllowed(String method, String allowed) {
        return new HttpProblem(405, "method_not_allowed",
                "method " + method + " is not allowed here; allowed: " + allowed, allowed);
    }

    public static HttpProblem payloadTooLarge(long limit) {
        return new HttpProblem(413, "payload_too_large", "the body is larger than " + limit + " bytes");
    }

    public static HttpProblem unsupportedMediaType(String got) {
        return new HttpProblem(415, "unsupported_media_type",
                "Content-Type must be application/json (UTF-8), got " + (got.isEmpty() ? "none" : "'" + got + "'"));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The methods to list in the {@code Allow} header of a 405, else empty. */
    public java.util.Optional<String> allow() {
        return java.util.Optional.ofNullable(allow);
    }
}
