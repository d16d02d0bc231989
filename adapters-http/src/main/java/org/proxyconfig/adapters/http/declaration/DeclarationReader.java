package org.proxyconfig.adapters.http.declaration;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.proxyconfig.adapters.http.json.MalformedBodyException;
import org.proxyconfig.adapters.http.json.ProxyConfigJson;
import org.proxyconfig.adapters.http.json.StrictJsonReader;
import org.proxyconfig.application.port.in.Declaration;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyConfigDraft;
import org.proxyconfig.domain.ProxyConfigError;
import org.proxyconfig.domain.Secret;

/**
 * The inbound adapter of a declared configuration: reads what an operator declares at start-up (docs/decisions/0008-postgresql-and-propagation.md):
 * a file named by {@code PROXY_CONFIG_SEED_FILE} — JSON exactly like a PUT body, or the same fields
 * in YAML ({@code .yaml}/{@code .yml}) — or the map under {@code proxy-config.declarative.config} in
 * application.yaml. Every {@code ${NAME}} in a value is replaced by the environment variable NAME,
 * so secrets stay out of the file.
 *
 * <p>Stricter than the API, because a typo in a file nobody reads back must not pass silently: an
 * unknown field is refused, and so are a missing variable, {@code "<redacted>"} as the password,
 * and every value the API would refuse. Each error is an {@link InvalidDeclarationException}
 * naming the source, the field and the reason — never a value, which may be a secret.
 */
public final class DeclarationReader {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final List<String> FIELDS = Arrays.stream(ConfigField.values()).map(ConfigField::wireName).toList();
    private static final Set<String> BOOLEANS = namesOf(ConfigField.Kind.BOOLEAN);
    private static final Set<String> WHOLE_NUMBERS = namesOf(ConfigField.Kind.WHOLE_NUMBER);

    private DeclarationReader() {
    }

    /**
     * @param fingerprint the keyed fingerprint of a canonical text (the key is the store's, so the
     *                    fingerprint reveals nothing)
     * @return empty when nothing is declared
     * @throws InvalidDeclarationException when something is declared but cannot be used
     */
    public static Optional<Declaration> read(DeclarationSource settings, Map<String, String> env,
                                      UnaryOperator<String> fingerprint) {
        if (!settings.given()) {
            settings.mode().ifPresent(mode -> {
                throw new InvalidDeclarationException("PROXY_CONFIG_SEED_MODE is '" + mode + "' but no configuration"
                        + " is declared: set PROXY_CONFIG_SEED_FILE (or proxy-config.declarative.config)");
            });
            return Optional.empty();
        }
        Declaration.Mode mode = mode(settings.mode().orElse("seed"));
        String source;
        JsonObject object;
        if (settings.file().isPresent()) {
            Path file = settings.file().get();
            source = file.getFileName().toString();
            object = readFile(file, source);
        } else {
            source = "application.yaml";
            object = typed(settings.inline(), source);
        }
        JsonObject resolved = resolve(object, env, source);
        ProxyConfigDraft draft;
        try {
            draft = ProxyConfigJson.readDraft(resolved);
            if (draft.keepsStoredPassword()) {
                throw new InvalidDeclarationException(source, "password", "'" + Secret.REDACTED
                        + "' keeps a stored password, which a declaration cannot do: give the password, e.g. as ${PROXY_PASSWORD}");
            }
            draft.resolveAgainst(ProxyConfig.DEFAULTS); // every rule of the API, now rather than at the first write
        } catch (MalformedBodyException e) {
            throw new InvalidDeclarationException(source, e.param().orElse("(body)"), e.getMessage());
        } catch (ProxyConfigError e) {
            throw new InvalidDeclarationException(source, e instanceof InvalidFieldException f
                    ? f.field() : "(configuration)", e.getMessage());
        }
        return Optional.of(new Declaration(mode, source, draft, fingerprint.apply(canonical(draft))));
    }

    private static Declaration.Mode mode(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "seed" -> Declaration.Mode.SEED;
            case "enforce" -> Declaration.Mode.ENFORCE;
            default -> throw new InvalidDeclarationException("PROXY_CONFIG_SEED_MODE: '" + value
                    + "' is not a mode: use seed or enforce");
        };
    }

    private static JsonObject readFile(Path file, String source) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidDeclarationException("cannot read the declarative configuration " + file
                    + " (PROXY_CONFIG_SEED_FILE): " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        String name = source.toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            Map<String, String> fields = new LinkedHashMap<>();
            Config root;
            try {
                root = Config.just(ConfigSources.file(file));
                for (Config field : root.asNodeList().orElse(List.of())) {
                    if (!field.isLeaf()) {
                        throw new InvalidDeclarationException(source, field.name(), "must be a single value, not a list or a map");
                    }
                    fields.put(field.name(), field.asString().orElse(""));
                }
            } catch (ConfigException e) {
                throw new InvalidDeclarationException(source, "(file)", "is not valid YAML");
            }
            return typed(fields, source);
        }
        try {
            JsonObject object = StrictJsonReader.readObject(bytes);
            rejectUnknown(object.keySet(), source);
            return object;
        } catch (MalformedBodyException e) {
            throw new InvalidDeclarationException(source, e.param().orElse("(file)"), e.getMessage());
        }
    }

    /** YAML values are text: a boolean field's "true"/"false" and a whole number become JSON ones. */
    private static JsonObject typed(Map<String, String> fields, String source) {
        rejectUnknown(fields.keySet(), source);
        JsonObjectBuilder builder = Json.createObjectBuilder();
        fields.forEach((name, raw) -> {
            if (BOOLEANS.contains(name) && (raw.equals("true") || raw.equals("false"))) {
                builder.add(name, Boolean.parseBoolean(raw));
            } else if (WHOLE_NUMBERS.contains(name) && raw.strip().matches("-?[0-9]{1,30}")) {
                builder.add(name, new BigInteger(raw.strip()));
            } else {
                builder.add(name, raw);
            }
        });
        return builder.build();
    }

    private static void rejectUnknown(Set<String> names, String source) {
        for (String name : names) {
            if (!FIELDS.contains(name)) {
                throw new InvalidDeclarationException(source, name, "is not a field of the proxy configuration"
                        + " (the fields are " + String.join(", ", FIELDS) + ")");
            }
        }
    }

    /** Replaces each ${NAME} inside a string value; a number or boolean field may be one reference too. */
    private static JsonObject resolve(JsonObject object, Map<String, String> env, String source) {
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
            String resolved = out.toString();
            boolean whole = REFERENCE.matcher(text).matches();
            if (whole && BOOLEANS.contains(name) && (resolved.equals("true") || resolved.equals("false"))) {
                builder.add(name, Boolean.parseBoolean(resolved));
            } else if (whole && WHOLE_NUMBERS.contains(name) && resolved.strip().matches("-?[0-9]{1,30}")) {
                builder.add(name, new BigInteger(resolved.strip()));
            } else {
                builder.add(name, resolved);
            }
        });
        return builder.build();
    }

    /**
     * One line per field, in wire order, the password in plain text (only its keyed fingerprint is
     * kept): equal declarations give equal text, whatever their layout.
     */
    private static String canonical(ProxyConfigDraft draft) {
        return Arrays.stream(ConfigField.values()).map(f -> f.wireName() + "=" + draft.get(f))
                .collect(Collectors.joining("\n"));
    }

    private static Set<String> namesOf(ConfigField.Kind kind) {
        return Arrays.stream(ConfigField.values()).filter(f -> f.kind() == kind).map(ConfigField::wireName)
                .collect(Collectors.toUnmodifiableSet());
    }
}
