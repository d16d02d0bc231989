package org.proxyconfig.adapters.http.declaration;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.proxyconfig.domain.ConfigField;

/**
 * The members a declaration may hold (the main object's fields and {@code routes}), and how a value written as text (in YAML, or as a whole
 * {@code ${NAME}} reference) becomes the JSON value its field takes: "true"/"false" for a boolean
 * field and digits for a whole number; anything else stays text, for the field's own check to refuse.
 */
final class DeclaredValues {

    /** The wire names, in wire order. */
    static final List<String> FIELDS = Arrays.stream(ConfigField.values()).map(ConfigField::wireName).toList();
    /** The fields, then the optional routes. */
    static final List<String> MEMBERS = Stream.concat(FIELDS.stream(), Stream.of(DeclaredRoutes.MEMBER)).toList();

    private static final Set<String> BOOLEANS = namesOf(ConfigField.Kind.BOOLEAN);
    private static final Set<String> WHOLE_NUMBERS = namesOf(ConfigField.Kind.WHOLE_NUMBER);
    private static final Set<String> LISTS = namesOf(ConfigField.Kind.STRING_LIST);

    private DeclaredValues() {
    }

    /** Refuses a name that is not a member, listing them: a typo in a file nobody reads back must not pass. */
    static void requireFields(Iterable<String> names, String source) {
        for (String name : names) {
            if (!MEMBERS.contains(name)) {
                throw new InvalidDeclarationException(source, name, "is not a field of the proxy configuration"
                        + " (the fields are " + String.join(", ", FIELDS) + "; and " + DeclaredRoutes.MEMBER + ")");
            }
        }
    }

    /**
     * The JSON value that {@code text} stands for in field {@code name}; a route proxy's members
     * have the main object's field names ({@code timeout}, {@code skip_tls_verify}), so they are typed alike.
     */
    static JsonValue typed(String name, String text) {
        if (LISTS.contains(name)) {
            // As text (an environment variable, application.yaml), a list is comma-separated: a proxy URL holds no comma.
            var array = Json.createArrayBuilder();
            Arrays.stream(text.split(",")).map(String::strip).filter(item -> !item.isEmpty()).forEach(array::add);
            return array.build();
        }
        if (BOOLEANS.contains(name) && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text) ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (WHOLE_NUMBERS.contains(name) && text.strip().matches("-?[0-9]{1,30}")) {
            return Json.createValue(new BigInteger(text.strip()));
        }
        return Json.createValue(text);
    }

    /** True for a field whose value is a list: in YAML it may be written as one. */
    static boolean isList(String name) {
        return LISTS.contains(name);
    }

    private static Set<String> namesOf(ConfigField.Kind kind) {
        return Arrays.stream(ConfigField.values()).filter(f -> f.kind() == kind).map(ConfigField::wireName)
                .collect(Collectors.toUnmodifiableSet());
    }
}
