package org.proxyconfig.adapters.http.declaration;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.proxyconfig.adapters.wire.MalformedBodyException;
import org.proxyconfig.adapters.wire.StrictJsonReader;

/**
 * Reads a declared configuration into one JSON object: a JSON file exactly like a PUT body, or the
 * same fields in YAML ({@code .yaml}/{@code .yml}) or in application.yaml, whose text values take
 * their fields' JSON types. An unknown field is refused in every form. A file may also hold
 * {@code routes}, a list in the routes resource's shape (in YAML, a list of maps).
 */
final class DeclarationFiles {

    private DeclarationFiles() {
    }

    static JsonObject read(Path file, String source) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidDeclarationException("cannot read the declarative configuration " + file
                    + " (PROXY_CONFIG_SEED_FILE): " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        String name = source.toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") ? yaml(file, source) : json(bytes, source);
    }

    /** Fields given as text (YAML, application.yaml), each as the JSON value of its field's type. */
    static JsonObject typed(Map<String, String> fields, String source) {
        DeclaredValues.requireFields(fields.keySet(), source);
        JsonObjectBuilder builder = Json.createObjectBuilder();
        fields.forEach((name, raw) -> builder.add(name, DeclaredValues.typed(name, raw)));
        return builder.build();
    }

    private static JsonObject yaml(Path file, String source) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, JsonValue> lists = new LinkedHashMap<>();
        JsonValue routes = null;
        try {
            Config root = Config.just(ConfigSources.file(file));
            for (Config field : root.asNodeList().orElse(List.of())) {
                if (field.name().equals(DeclaredRoutes.MEMBER)) {
                    routes = tree(field);
                } else if (!field.isLeaf() && DeclaredValues.isList(field.name())) {
                    lists.put(field.name(), tree(field));
                } else if (!field.isLeaf()) {
                    throw new InvalidDeclarationException(source, field.name(), "must be a single value, not a list or a map");
                } else {
                    fields.put(field.name(), field.asString().orElse(""));
                }
            }
        } catch (ConfigException e) {
            throw new InvalidDeclarationException(source, "(file)", "is not valid YAML");
        }
        JsonObjectBuilder main = Json.createObjectBuilder(typed(fields, source));
        lists.forEach(main::add);
        if (routes != null) main.add(DeclaredRoutes.MEMBER, routes);
        return main.build();
    }

    /** A YAML node as JSON: lists and maps as they are, each text value typed by its own name ({@link DeclaredValues#typed}). */
    private static JsonValue tree(Config node) {
        return switch (node.type()) {
            case LIST -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                node.asNodeList().orElse(List.of()).forEach(item -> array.add(tree(item)));
                yield array.build();
            }
            case OBJECT -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                node.asNodeList().orElse(List.of()).forEach(member -> object.add(member.name(), tree(member)));
                yield object.build();
            }
            default -> DeclaredValues.typed(node.name(), node.asString().orElse(""));
        };
    }

    private static JsonObject json(byte[] bytes, String source) {
        try {
            JsonObject object = StrictJsonReader.readObject(bytes);
            DeclaredValues.requireFields(object.keySet(), source);
            return object;
        } catch (MalformedBodyException e) {
            throw new InvalidDeclarationException(source, e.param().orElse("(file)"), e.getMessage());
        }
    }
}
