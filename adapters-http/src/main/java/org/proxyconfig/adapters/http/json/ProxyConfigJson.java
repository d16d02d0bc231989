package org.proxyconfig.adapters.http.json;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyConfigDraft;

/**
 * Reads and writes the proxy configuration's wire format (SPEC §1–§2). Reading is strict about
 * JSON types before JSON-B binds the body, because a binder coerces: {@code "30"} would become 30
 * and {@code 1.5} would become 1. Unknown fields are ignored, as dashboards send extra ones.
 */
public final class ProxyConfigJson {

    private enum Kind {
        BOOLEAN("true or false"), STRING("a string"), WHOLE_NUMBER("a whole number");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    private static final Map<String, Kind> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("enabled", Kind.BOOLEAN);
        FIELDS.put("type", Kind.STRING);
        FIELDS.put("url", Kind.STRING);
        FIELDS.put("username", Kind.STRING);
        FIELDS.put("password", Kind.STRING);
        FIELDS.put("no_proxy", Kind.STRING);
        FIELDS.put("timeout", Kind.WHOLE_NUMBER);
        FIELDS.put("skip_tls_verify", Kind.BOOLEAN);
        FIELDS.put("enable_for_scim", Kind.BOOLEAN);
        FIELDS.put("enable_for_inference", Kind.BOOLEAN);
        FIELDS.put("enable_for_api", Kind.BOOLEAN);
        FIELDS.put("ca_cert_pem", Kind.STRING);
    }

    private ProxyConfigJson() {
    }

    /** Parses a PUT body into a draft; omitted and {@code null} fields take their defaults. */
    public static ProxyConfigDraft readDraft(byte[] body) {
        return readDraft(StrictJsonReader.readObject(body));
    }

    /** The same, for a configuration nested in another body (a dry run's draft). */
    public static ProxyConfigDraft readDraft(JsonObject object) {
        FIELDS.forEach((name, kind) -> checkType(object, name, kind));
        return Jsons.JSONB.fromJson(object.toString(), ProxyConfigBody.class).toDraft();
    }

    /** The GET body: every field, the password redacted. */
    public static String write(ProxyConfig config) {
        return Jsons.JSONB.toJson(ProxyConfigView.of(config));
    }

    private static void checkType(JsonObject object, String name, Kind kind) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return;
        JsonValue.ValueType type = value.getValueType();
        boolean ok = switch (kind) {
            case BOOLEAN -> type == JsonValue.ValueType.TRUE || type == JsonValue.ValueType.FALSE;
            case STRING -> type == JsonValue.ValueType.STRING;
            case WHOLE_NUMBER -> type == JsonValue.ValueType.NUMBER && ((JsonNumber) value).isIntegral();
        };
        if (!ok) {
            throw new MalformedBodyException(name + ": must be " + kind.words + ", got " + StrictJsonReader.describe(value),
                    name, "invalid_field_type");
        }
        if (kind == Kind.WHOLE_NUMBER && !fitsInLong((JsonNumber) value)) {
            // Far outside any valid range; the domain's range rule would say the same.
            throw new MalformedBodyException(name + ": must be between 0 and 3600 seconds",
                    name, "invalid_timeout");
        }
    }

    private static boolean fitsInLong(JsonNumber number) {
        try {
            number.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
