package org.proxyconfig.adapters.http.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The {@code BifrostError} body of every error response (docs/openapi.yaml, Error). */
@JsonbPropertyOrder({"eventId", "isBifrostError", "statusCode", "error"})
public final class BifrostErrorBody {

    public String eventId;
    public boolean isBifrostError;
    public int statusCode;
    public ErrorField error;

    /** The nested {@code error} object; a {@code null} param is left out of the JSON. */
    @JsonbPropertyOrder({"type", "code", "message", "param"})
    public static final class ErrorField {
        public String type;
        public String code;
        public String message;
        public String param;
    }

    public static BifrostErrorBody of(String eventId, int status, String type, String code,
                                      String message, String param) {
        BifrostErrorBody body = new BifrostErrorBody();
        body.eventId = eventId;
        body.isBifrostError = false;
        body.statusCode = status;
        body.error = new ErrorField();
        body.error.type = type;
        body.error.code = code;
        body.error.message = message;
        body.error.param = param;
        return body;
    }
}
