package org.proxyconfig.adapters.http.declaration;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces each {@code ${NAME}} inside a declared string value by the environment variable NAME,
 * so that secrets stay out of the file: in the main object's fields and, at any depth, in the
 * routes ({@code routes[1].via.password}). A value that is one whole reference takes the JSON type
 * of its field ({@link DeclaredValues#typed}), so {@code "timeout": "${PROXY_TIMEOUT}"} is a number.
 */
final class EnvironmentReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private EnvironmentReferences() {
    }

    /** @throws InvalidDeclarationException naming the field's path and the variable (never a value) when one is not set */
    static JsonObject resolve(JsonObject object, Map<String, String> env, String source) {
        return resolve(object, "", env, source).asJsonObject();
    }

    /** @param path the value's path in errors, "" for the declaration itself */
    private static JsonValue resolve(JsonValue value, String path, Map<String, String> env, String source) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder builder = Json.createObjectBuilder();
                value.asJsonObject().forEach((name, member) ->
                        builder.add(name, resolve(member, path.isEmpty() ? name : path + "." + name, env, source)));
                yield builder.build();
            }
            case ARRAY -> {
                JsonArrayBuilder builder = Json.createArrayBuilder();
                for (int i = 0; i < value.asJsonArray().size(); i++) {
                    builder.add(resolve(value.asJsonArray().get(i), path + "[" + i + "]", env, source));
                }
                yield builder.build();
            }
            case STRING -> text(((JsonString) value).getString(), path, env, source);
            default -> value;
        };
    }

    private static JsonValue text(String text, String path, Map<String, String> env, String source) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String replacement = env.get(variable);
            if (replacement == null) {
                throw new InvalidDeclarationException(source, path, "refers to the environment variable "
                        + variable + ", which is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        boolean whole = REFERENCE.matcher(text).matches();
        // The field's own name types the value: "timeout" is a number in the main object and in a route proxy.
        String field = path.substring(path.lastIndexOf('.') + 1);
        return whole ? DeclaredValues.typed(field, out.toString()) : Json.createValue(out.toString());
    }
}
