package org.proxyconfig.adapters.wire;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.Set;

/**
 * The members of one JSON object of a strict body, each read with its JSON type checked and its
 * name given in errors as the path the client sees ({@code routes[3].via.url}). Unlike the main
 * object, which ignores unknown members for Bifrost's clients, such an object refuses them: its
 * clients are ours, and a typo ({@code "purpose"}) must not silently mean "all purposes".
 * {@code null} means absent.
 */
final class JsonMembers {

    static final String INVALID_TYPE = "invalid_field_type";

    private final JsonObject object;
    private final String path;

    private JsonMembers(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    /**
     * @param value a member that must be an object whose members are all in {@code known}
     * @param path  its name in errors, "" for the body itself
     */
    static JsonMembers of(JsonValue value, String path, Set<String> known) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) throw wrongType(path, "an object", value);
        JsonObject object = value.asJsonObject();
        for (String name : object.keySet()) {
            if (!known.contains(name)) {
                String at = path.isEmpty() ? name : path + "." + name;
                throw new MalformedBodyException(StrictJsonReader.printable(at) + ": is not a member of this object;"
                        + " known: " + String.join(", ", known.stream().sorted().toList()), at, "unknown_field");
            }
        }
        return new JsonMembers(object, path);
    }

    /** The path of member {@code name}, for errors. */
    String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    Optional<JsonValue> value(String name) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? Optional.empty() : Optional.of(value);
    }

    JsonValue required(String name) {
        return value(name).orElseThrow(() -> new MalformedBodyException(at(name) + ": is required", at(name), "missing_field"));
    }

    String string(String name, String absent) {
        return value(name).map(v -> string(v, at(name))).orElse(absent);
    }

    boolean bool(String name) {
        return value(name).map(v -> bool(v, at(name))).orElse(false);
    }

    long wholeNumber(String name, long absent) {
        return value(name).map(v -> wholeNumber(v, at(name))).orElse(absent);
    }

    /** An array of strings; absent is empty. */
    java.util.List<String> strings(String name) {
        return value(name).map(v -> strings(v, at(name))).orElse(java.util.List.of());
    }

    /** A whole number; one outside 64 bits is given as the nearest bound, which any range rule refuses too. */
    static long wholeNumber(JsonValue value, String at) {
        if (value.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()) {
            throw wrongType(at, "a whole number", value);
        }
        JsonNumber n = (JsonNumber) value;
        return n.bigIntegerValue().bitLength() < 64 ? n.longValue() : n.bigIntegerValue().signum() * Long.MAX_VALUE;
    }

    /** An array whose elements are all strings, each named {@code at[i]} in errors. */
    static java.util.List<String> strings(JsonValue value, String at) {
        if (value.getValueType() != JsonValue.ValueType.ARRAY) throw wrongType(at, "an array of strings", value);
        var array = value.asJsonArray();
        java.util.List<String> strings = new java.util.ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) strings.add(string(array.get(i), at + "[" + i + "]"));
        return java.util.List.copyOf(strings);
    }

    static boolean bool(JsonValue value, String at) {
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw wrongType(at, "true or false", value);
        };
    }

    static String string(JsonValue value, String at) {
        if (value.getValueType() != JsonValue.ValueType.STRING) throw wrongType(at, "a string", value);
        return ((JsonString) value).getString();
    }

    static MalformedBodyException wrongType(String at, String expected, JsonValue value) {
        return new MalformedBodyException(at + ": must be " + expected + ", got " + StrictJsonReader.describe(value), at, INVALID_TYPE);
    }
}
