package org.proxyconfig.adapters.http.declaration;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.proxyconfig.adapters.wire.MalformedBodyException;
import org.proxyconfig.adapters.wire.ProxyConfigJson;
import org.proxyconfig.application.port.in.Declaration;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyConfigDraft;
import org.proxyconfig.domain.ProxyConfigError;
import org.proxyconfig.domain.ProxyRoutesDraft;
import org.proxyconfig.domain.Secret;

/**
 * The inbound adapter of a declared configuration (docs/decisions/0008-postgresql-and-propagation.md):
 * reads what an operator declares at start-up — a file named by {@code PROXY_CONFIG_SEED_FILE}, or
 * the map under {@code proxy-config.declarative.config} in application.yaml ({@link DeclarationFiles}) —
 * resolves its {@code ${NAME}} references ({@link EnvironmentReferences}), checks it by every rule
 * of the API, and fingerprints it.
 *
 * <p>Stricter than the API, because a typo in a file nobody reads back must not pass silently: an
 * unknown field is refused, and so are a missing variable, {@code "<redacted>"} as a password,
 * and every value the API would refuse. Each error is an {@link InvalidDeclarationException}
 * naming the source, the field ({@code routes[1].via.url} in the routes) and the reason — never a
 * value, which may be a secret. A file may declare the routes too ({@link DeclaredRoutes}).
 */
public final class DeclarationReader {

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
            object = DeclarationFiles.read(file, source);
        } else {
            source = "application.yaml";
            object = DeclarationFiles.typed(settings.inline(), source);
        }
        JsonObject resolved = EnvironmentReferences.resolve(object, env, source);
        ProxyConfigDraft draft;
        Optional<ProxyRoutesDraft> routes;
        try {
            draft = ProxyConfigJson.readDraft(resolved);
            if (draft.keepsStoredPassword()) {
                throw new InvalidDeclarationException(source, "password", "'" + Secret.REDACTED
                        + "' keeps a stored password, which a declaration cannot do: give the password, e.g. as ${PROXY_PASSWORD}");
            }
            draft.resolveAgainst(ProxyConfig.DEFAULTS); // every rule of the API, now rather than at the first write
            routes = DeclaredRoutes.read(resolved, source);
        } catch (MalformedBodyException e) {
            throw new InvalidDeclarationException(source, e.param().orElse("(body)"), e.getMessage());
        } catch (ProxyConfigError e) {
            throw new InvalidDeclarationException(source, e instanceof InvalidFieldException f
                    ? f.field() : "(configuration)", e.getMessage());
        }
        return Optional.of(new Declaration(mode, source, draft, routes, fingerprint.apply(canonical(draft, routes))));
    }

    private static Declaration.Mode mode(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "seed" -> Declaration.Mode.SEED;
            case "enforce" -> Declaration.Mode.ENFORCE;
            default -> throw new InvalidDeclarationException("PROXY_CONFIG_SEED_MODE: '" + value
                    + "' is not a mode: use seed or enforce");
        };
    }

    /**
     * Fields added after declarations were first fingerprinted: their lines are written only when
     * not at their defaults, so a declaration that does not use them keeps its fingerprint.
     */
    private static final Set<ConfigField> ADDED_SINCE_FIRST_FINGERPRINT =
            EnumSet.of(ConfigField.FALLBACK_URLS, ConfigField.FALLBACK_COOLDOWN);

    /**
     * One line per field, in wire order, the password in plain text (only its keyed fingerprint is
     * kept): equal declarations give equal text, whatever their layout. The routes' lines follow
     * only when routes are declared, and fields added since are left out at their defaults, so a
     * declaration keeps the fingerprint it had before they existed (a seed is not applied again by
     * an upgrade).
     */
    private static String canonical(ProxyConfigDraft draft, Optional<ProxyRoutesDraft> routes) {
        String main = Arrays.stream(ConfigField.values())
                .filter(f -> !ADDED_SINCE_FIRST_FINGERPRINT.contains(f) || !Objects.equals(draft.get(f), f.defaultValue()))
                .map(f -> f.wireName() + "=" + draft.get(f))
                .collect(Collectors.joining("\n"));
        return routes.map(r -> main + "\n" + DeclaredRoutes.MEMBER + ":\n" + DeclaredRoutes.canonical(r)).orElse(main);
    }
}
