package org.proxyconfig.domain;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one description of the configuration's fields: wire name, JSON kind, default and whether it
 * is a secret, in wire order (docs/openapi.yaml, {@code ProxyConfig}). The JSON mapping, the list
 * of changed fields, the declarative reader, the store's columns and the settings page's field
 * list are all derived from it, so a field is added here and in {@link ProxyConfig} only.
 *
 * <p>A field's <em>wire value</em> is a {@link Boolean}, a {@link String}, a {@link Long} or a
 * {@link List} of strings, as its {@link Kind} says: what a JSON body holds before any rule was checked.
 */
public enum ConfigField {

    ENABLED("enabled", Kind.BOOLEAN, ProxyConfig::enabled, (b, v) -> b.enabled((Boolean) v)),
    TYPE("type", Kind.STRING, c -> c.type().wireName(), (b, v) -> b.type(ProxyType.fromWire((String) v))),
    URL("url", Kind.STRING, ProxyConfig::url, (b, v) -> b.url((String) v)),
    USERNAME("username", Kind.STRING, ProxyConfig::username, (b, v) -> b.username((String) v)),
    PASSWORD("password", Kind.SECRET, c -> c.password().reveal(), (b, v) -> b.password(Secret.of((String) v))),
    NO_PROXY("no_proxy", Kind.STRING, ProxyConfig::noProxy, (b, v) -> b.noProxy((String) v)),
    // Clamping keeps an out-of-range number out of range, so the range rule still reports it.
    TIMEOUT("timeout", Kind.WHOLE_NUMBER, c -> (long) c.timeoutSeconds(),
            (b, v) -> b.timeoutSeconds((int) Math.clamp((Long) v, Integer.MIN_VALUE, Integer.MAX_VALUE))),
    SKIP_TLS_VERIFY("skip_tls_verify", Kind.BOOLEAN, ProxyConfig::skipTlsVerify, (b, v) -> b.skipTlsVerify((Boolean) v)),
    ENABLE_FOR_SCIM("enable_for_scim", Kind.BOOLEAN, ProxyConfig::enableForScim, (b, v) -> b.enableForScim((Boolean) v)),
    ENABLE_FOR_INFERENCE("enable_for_inference", Kind.BOOLEAN, ProxyConfig::enableForInference,
            (b, v) -> b.enableForInference((Boolean) v)),
    ENABLE_FOR_API("enable_for_api", Kind.BOOLEAN, ProxyConfig::enableForApi, (b, v) -> b.enableForApi((Boolean) v)),
    CA_CERT_PEM("ca_cert_pem", Kind.STRING, ProxyConfig::caCertPem, (b, v) -> b.caCertPem((String) v)),
    FALLBACK_URLS("fallback_urls", Kind.STRING_LIST, ProxyConfig::fallbackUrls, (b, v) -> b.fallbackUrls(strings(v))),
    FALLBACK_COOLDOWN("fallback_cooldown", Kind.WHOLE_NUMBER, c -> (long) c.fallbackCooldownSeconds(),
            (b, v) -> b.fallbackCooldownSeconds((int) Math.clamp((Long) v, Integer.MIN_VALUE, Integer.MAX_VALUE)));

    /** What JSON type a field takes; a secret is a string that no reader is ever shown. */
    public enum Kind {
        BOOLEAN(Boolean.class), STRING(String.class), SECRET(String.class), WHOLE_NUMBER(Long.class),
        /** A list of strings: a JSON array of strings. */
        STRING_LIST(List.class);

        private final Class<?> wireType;

        Kind(Class<?> wireType) {
            this.wireType = wireType;
        }

        /** The Java type of a wire value of this kind. */
        public Class<?> wireType() {
            return wireType;
        }
    }

    private final String wireName;
    private final Kind kind;
    private final Function<ProxyConfig, Object> value;
    private final BiConsumer<ProxyConfig.Builder, Object> setter;

    ConfigField(String wireName, Kind kind, Function<ProxyConfig, Object> value,
                BiConsumer<ProxyConfig.Builder, Object> setter) {
        this.wireName = wireName;
        this.kind = kind;
        this.value = value;
        this.setter = setter;
    }

    public String wireName() {
        return wireName;
    }

    public Kind kind() {
        return kind;
    }

    public boolean secret() {
        return kind == Kind.SECRET;
    }

    /** What an omitted field becomes. */
    public Object defaultValue() {
        return valueIn(ProxyConfig.DEFAULTS);
    }

    /**
     * The field's wire value in {@code config}; a secret's in plain text, for the few that must
     * use it (sealing it, comparing it, the draft that recreates a revision). Show {@link #shownIn}.
     */
    public Object valueIn(ProxyConfig config) {
        return value.apply(config);
    }

    /** What a reader is shown: the wire value, a secret as {@value Secret#REDACTED} or "". */
    public Object shownIn(ProxyConfig config) {
        return shown(valueIn(config));
    }

    /** {@code wireValue} as a reader may see it: a secret redacted, anything else as it is. */
    public Object shown(Object wireValue) {
        return secret() ? Secret.of((String) wireValue).redacted() : wireValue;
    }

    /**
     * Sets this field of {@code builder} from a wire value.
     *
     * @throws InvalidFieldException when the value cannot be this field's at all (an unknown type)
     */
    public void applyTo(ProxyConfig.Builder builder, Object wireValue) {
        setter.accept(builder, kind.wireType().cast(wireValue));
    }

    /** A wire list's elements, each checked to be a string. */
    private static List<String> strings(Object wireValue) {
        List<?> list = (List<?>) wireValue;
        for (Object element : list) {
            if (!(element instanceof String)) throw new IllegalArgumentException("a list of strings holds only strings");
        }
        @SuppressWarnings("unchecked") List<String> strings = (List<String>) list;
        return strings;
    }

    /** The field of that wire name. */
    public static Optional<ConfigField> byWireName(String name) {
        for (ConfigField field : values()) {
            if (field.wireName.equals(name)) return Optional.of(field);
        }
        return Optional.empty();
    }
}
