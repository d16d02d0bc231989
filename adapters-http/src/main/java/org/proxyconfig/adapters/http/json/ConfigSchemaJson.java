package org.proxyconfig.adapters.http.json;

import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import org.proxyconfig.adapters.wire.ProxyConfigJson;
import org.proxyconfig.adapters.wire.StrictJsonReader;
import org.proxyconfig.domain.ConfigField;

/**
 * The body of {@code GET /api/proxy-config/schema}: the configuration's fields as
 * {@link ConfigField} describes them, so that a client (the settings page first) builds its form
 * from the server's list instead of a copy of its own.
 */
public final class ConfigSchemaJson {

    private ConfigSchemaJson() {
    }

    /** {@code {"fields":[{"name","type","secret","default"}, …]}} in wire order; {@code type} is a JSON type. */
    public static String write() {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator json = StrictJsonReader.JSON.createGenerator(out)) {
            json.writeStartObject().writeStartArray("fields");
            for (ConfigField field : ConfigField.values()) {
                json.writeStartObject()
                        .write("name", field.wireName())
                        .write("type", jsonType(field.kind()))
                        .write("secret", field.secret());
                ProxyConfigJson.write(json, "default", field.defaultValue());
                json.writeEnd();
            }
            json.writeEnd().writeEnd();
        }
        return out.toString();
    }

    private static String jsonType(ConfigField.Kind kind) {
        return switch (kind) {
            case BOOLEAN -> "boolean";
            case STRING, SECRET -> "string";
            case WHOLE_NUMBER -> "integer";
            case STRING_LIST -> "array";
        };
    }
}
