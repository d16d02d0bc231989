package org.proxyconfig.adapters.http.declaration;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces each {@code ${NAME}} inside a declared string value by the environment variable NAME,
 * so that secrets stay out of the file. A value that is one whole reference takes the JSON type of
 * its field ({@link DeclaredValues#typed}), so {@code "timeout": "${PROXY_TIMEOUT}"} is a number.
 */
final class EnvironmentReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private EnvironmentReferences() {
    }

    /** @throws InvalidDeclarationException naming the field and the variable (never a value) when one is not set */
    static JsonObject resolve(JsonObject object, Map<String, String> env, String source) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        object.forEach((name, value) -> {
            if (value.getValueType() != JsonValue.ValueType.STRING) {
                builder.add(name, value);
                return;
            }
            String text = ((JsonString) value).getString();
            Matcher m = REFERENCE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String variable = m.group(1);
                String replacement = env.get(variable);
                if (replacement == null) {
                    throw new InvalidDeclarationException(source, name, "refers to the environment variable "
                            + variable + ", which is not set");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            boolean whole = REFERENCE.matcher(text).matches();
            builder.add(name, whole ? DeclaredValues.typed(name, out.toString()) : Json.createValue(out.toString()));
        });
        return builder.build();
    }
}
