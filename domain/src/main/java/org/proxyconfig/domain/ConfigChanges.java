package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which fields differ between two configurations, by wire name in SPEC §1 order: what a history
 * shows next to a revision. The password is compared, never shown.
 */
public final class ConfigChanges {

    private record Field(String name, Function<ProxyConfig, Object> value) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("enabled", ProxyConfig::enabled),
            new Field("type", ProxyConfig::type),
            new Field("url", ProxyConfig::url),
            new Field("username", ProxyConfig::username),
            new Field("password", ProxyConfig::password),
            new Field("no_proxy", ProxyConfig::noProxy),
            new Field("timeout", ProxyConfig::timeoutSeconds),
            new Field("skip_tls_verify", ProxyConfig::skipTlsVerify),
            new Field("enable_for_scim", ProxyConfig::enableForScim),
            new Field("enable_for_inference", ProxyConfig::enableForInference),
            new Field("enable_for_api", ProxyConfig::enableForApi),
            new Field("ca_cert_pem", ProxyConfig::caCertPem));

    private ConfigChanges() {
    }

    /** The wire names of the fields whose values differ, in SPEC §1 order. */
    public static List<String> between(ProxyConfig before, ProxyConfig after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        List<String> changed = new ArrayList<>();
        for (Field field : FIELDS) {
            if (!Objects.equals(field.value().apply(before), field.value().apply(after))) {
                changed.add(field.name());
            }
        }
        return List.copyOf(changed);
    }
}
