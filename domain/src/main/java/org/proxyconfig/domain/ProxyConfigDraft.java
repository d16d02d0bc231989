package org.proxyconfig.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A configuration as a client sent it, before any rule was checked: the body of a PUT, a draft in
 * a dry run, a declaration, or a restored revision. It holds one wire value per {@link ConfigField}
 * (omitted fields are already their defaults); the password is the plain text sent, which may be
 * the literal {@value Secret#REDACTED} meaning "keep". {@code timeout} is a {@code Long}, so that
 * an out-of-range number reaches the range rule intact. Immutable.
 */
public final class ProxyConfigDraft {

    private static final ProxyConfigDraft DEFAULTS = of(ProxyConfig.DEFAULTS);

    private final EnumMap<ConfigField, Object> values;

    private ProxyConfigDraft(EnumMap<ConfigField, Object> values) {
        this.values = values;
    }

    /** Every field at its default: what an empty JSON object means. */
    public static ProxyConfigDraft defaults() {
        return DEFAULTS;
    }

    /** The draft that would recreate {@code config}, its password in plain text. */
    public static ProxyConfigDraft of(ProxyConfig config) {
        EnumMap<ConfigField, Object> values = new EnumMap<>(ConfigField.class);
        for (ConfigField field : ConfigField.values()) values.put(field, field.valueIn(config));
        return new ProxyConfigDraft(values);
    }

    /**
     * This draft with one field changed.
     *
     * @param value a wire value of the field's kind ({@link ConfigField.Kind#wireType()})
     * @throws IllegalArgumentException when the value is not of the field's kind: a reader must
     *                                  check JSON types before it builds a draft
     */
    public ProxyConfigDraft with(ConfigField field, Object value) {
        return with(Map.of(field, value));
    }

    /** This draft with the given fields changed, each as {@link #with(ConfigField, Object)} takes it. */
    public ProxyConfigDraft with(Map<ConfigField, Object> changes) {
        EnumMap<ConfigField, Object> changed = new EnumMap<>(values);
        changes.forEach((field, value) -> {
            Objects.requireNonNull(value, field.wireName());
            if (!field.kind().wireType().isInstance(value)) {
                throw new IllegalArgumentException(field.wireName() + " takes a " + field.kind().wireType().getSimpleName()
                        + ", not a " + value.getClass().getSimpleName());
            }
            changed.put(field, value);
        });
        return new ProxyConfigDraft(changed);
    }

    /** The wire value of {@code field}. */
    public Object get(ConfigField field) {
        return values.get(field);
    }

    /** True when the client asked to keep the stored password rather than set one. */
    public boolean keepsStoredPassword() {
        return Secret.REDACTED.equals(values.get(ConfigField.PASSWORD));
    }

    /**
     * Turns this draft into a valid configuration that replaces {@code stored}.
     * {@value Secret#REDACTED} keeps the stored password, but only for the same proxies: keeping it
     * while the type changes, or a host joins the list (url or fallback_urls), would send the old
     * secret to a new party, so the caller must then enter the password again.
     *
     * @throws InvalidFieldException naming the first field, in wire order, that breaks a rule
     */
    public ProxyConfig resolveAgainst(ProxyConfig stored) {
        ProxyConfig.Builder builder = ProxyConfig.builder();
        for (Map.Entry<ConfigField, Object> entry : values.entrySet()) {
            entry.getKey().applyTo(builder, entry.getValue());
        }
        if (keepsStoredPassword()) builder.password(stored.password());
        ProxyConfig resolved = builder.build();
        if (keepsStoredPassword() && stored.password().isSet() && !sameProxyParty(stored, resolved)) {
            throw new InvalidFieldException("password", "password_required",
                    "the proxy type changed or a host was added to the proxy list: enter the password again instead of '"
                            + Secret.REDACTED + "', so the stored one is never sent to a new proxy");
        }
        return resolved;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxyConfigDraft other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Every field by wire name, the password as {@value Secret#REDACTED}: a draft may be logged. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ProxyConfigDraft[");
        values.forEach((field, value) -> {
            if (field.ordinal() > 0) s.append(", ");
            s.append(field.wireName()).append('=').append(field.shown(value));
        });
        return s.append(']').toString();
    }

    /** Same type, and no host in {@code resolved}'s list (url and fallbacks) that {@code stored}'s lacks. */
    private static boolean sameProxyParty(ProxyConfig stored, ProxyConfig resolved) {
        if (stored.type() != resolved.type()) return false;
        if (resolved.proxies().isEmpty()) return stored.proxies().isEmpty();
        return stored.proxies().map(mine -> mine.coversHostsOf(resolved.proxies().get())).orElse(false);
    }
}
