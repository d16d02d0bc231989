package org.proxyconfig.adapters.wire;

import java.util.Optional;

/**
 * The request body is not what the route accepts at the JSON level: not JSON, not one object,
 * a duplicate key, or a field of the wrong JSON type. Answered with 400.
 */
public final class MalformedBodyException extends RuntimeException {

    private final String param;
    private final String code;

    public MalformedBodyException(String message) {
        this(message, null, "invalid_json");
    }

    public MalformedBodyException(String message, String param) {
        this(message, param, "invalid_json");
    }

    public MalformedBodyException(String message, String param, String code) {
        super(message, null, false, false);
        this.param = param;
        this.code = code;
    }

    /** The field the problem is about, when there is one. */
    public Optional<String> param() {
        return Optional.ofNullable(param);
    }

    public String code() {
        return code;
    }
}
