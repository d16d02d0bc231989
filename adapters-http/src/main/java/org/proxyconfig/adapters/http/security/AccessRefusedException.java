package org.proxyconfig.adapters.http.security;

import java.util.List;
import java.util.Map;

/**
 * The API refused a caller: no or wrong credentials (401, with the challenges), a role that may
 * not do this (403), or an address braked after too many failures (429, with Retry-After).
 */
public final class AccessRefusedException extends RuntimeException {

    private static final List<String> CHALLENGES = List.of(
            "Bearer realm=\"proxy-config\"", "Basic realm=\"proxy-config\", charset=\"UTF-8\"");

    private final int status;
    private final String code;
    private final Map<String, List<String>> headers;

    private AccessRefusedException(int status, String code, String message, Map<String, List<String>> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    static AccessRefusedException unauthorized(String message) {
        return new AccessRefusedException(401, "unauthorized", message, Map.of("WWW-Authenticate", CHALLENGES));
    }

    static AccessRefusedException forbidden(String message) {
        return new AccessRefusedException(403, "forbidden", message, Map.of());
    }

    static AccessRefusedException braked(long retryAfterSeconds) {
        return new AccessRefusedException(429, "too_many_failed_attempts",
                "too many failed authentications from this address; retry in " + retryAfterSeconds + " s",
                Map.of("Retry-After", List.of(Long.toString(retryAfterSeconds))));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Response headers that go with the status. */
    public Map<String, List<String>> headers() {
        return headers;
    }
}
