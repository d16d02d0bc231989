package org.proxyconfig.adapters.wire;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyConfigDraft;

/**
 * Reads and writes the proxy configuration's wire format (docs/openapi.yaml, {@code ProxyConfig}),
 * field by field as {@link ConfigField} describes them. Reading is strict about JSON types, because
 * a binder would coerce: {@code "30"} would become 30 and {@code 1.5} would become 1. Unknown
 * fields are ignored, as dashboards send extra ones; that is also why a follower older than the
 * {@code routes} member of {@code /effective} ({@link EffectiveConfigJson}) still reads that body.
 */
public final class ProxyConfigJson {

    private static final Map<String, ConfigField> BY_WIRE_NAME = new LinkedHashMap<>();

    static {
        for (ConfigField field : ConfigField.values()) BY_WIRE_NAME.put(field.wireName(), field);
    }

    private ProxyConfigJson() {
    }

    /**
     * Parses a PUT body straight into a draft: the strict reader hands over the top-level members,
     * the fields' values are kept and the rest is dropped. Omitted and {@code null} fields take
     * their defaults. A body that is not strict JSON is refused before any field's type is checked.
     */
    public static ProxyConfigDraft readDraft(byte[] body) {
        EnumMap<ConfigField, JsonValue> given = new EnumMap<>(ConfigField.class);
        StrictJsonReader.readMembers(body, (name, value) -> keepField(given, name, value));
        return toDraft(given);
    }

    /** The same, for a configuration nested in another body (a dry run's draft, a declaration). */
    public static ProxyConfigDraft readDraft(JsonObject object) {
        EnumMap<ConfigField, JsonValue> given = new EnumMap<>(ConfigField.class);
        object.forEach((name, value) -> keepField(given, name, value));
        return toDraft(given);
    }

    private static void keepField(EnumMap<ConfigField, JsonValue> given, String name, JsonValue value) {
        ConfigField field = BY_WIRE_NAME.get(name);
        if (field != null) given.put(field, value);
    }

    /** The GET body: every field, the password redacted. */
    public static String write(ProxyConfig config) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = StrictJsonReader.JSON.createGenerator(out)) {
            json.writeStartObject();
            writeFields(json, config, false);
            json.writeEnd();
        }
        return out.toString();
    }

    /**
     * Every field as a member of the object being written; the password in clear only for the
     * {@code /effective} body ({@link EffectiveConfigJson}), which the machines that apply the
     * configuration need to authenticate to the proxy.
     */
    static void writeFields(JsonGenerator json, ProxyConfig config, boolean secretsInClear) {
        for (ConfigField field : ConfigField.values()) {
            write(json, field.wireName(), secretsInClear ? field.valueIn(config) : field.shownIn(config));
        }
    }

    /** Writes a wire value ({@link ConfigField.Kind#wireType()}) as the member {@code name}. */
    public static void write(JsonGenerator json, String name, Object wireValue) {
        switch (wireValue) {
            case Boolean b -> json.write(name, b);
            case Long n -> json.write(name, n);
            case String s -> json.write(name, s);
            case java.util.List<?> list -> {
                json.writeStartArray(name);
                list.forEach(element -> json.write((String) element));
                json.writeEnd();
            }
            default -> throw new IllegalStateException("no JSON type for " + name + ": " + wireValue.getClass());
        }
    }

    /** Every field by wire name, the password redacted: a configuration nested in another JSON-B view. */
    public static Map<String, Object> shown(ProxyConfig config) {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (ConfigField field : ConfigField.values()) shown.put(field.wireName(), field.shownIn(config));
        return shown;
    }

    /** Checks each given field's JSON type, in wire order, and takes its value. */
    private static ProxyConfigDraft toDraft(EnumMap<ConfigField, JsonValue> given) {
        EnumMap<ConfigField, Object> values = new EnumMap<>(ConfigField.class);
        given.forEach((field, value) -> {
            if (value.getValueType() != JsonValue.ValueType.NULL) values.put(field, wireValue(field, value));
        });
        return ProxyConfigDraft.defaults().with(values);
    }

    private static Object wireValue(ConfigField field, JsonValue value) {
        String name = field.wireName();
        return switch (field.kind()) {
            case BOOLEAN -> JsonMembers.bool(value, name);
            case STRING, SECRET -> JsonMembers.string(value, name);
            case WHOLE_NUMBER -> JsonMembers.wholeNumber(value, name);
            case STRING_LIST -> JsonMembers.strings(value, name);
        };
    }
}
