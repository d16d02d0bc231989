package org.proxyconfig.adapters.http.declaration;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a declared configuration comes from (docs/decisions/0008-postgresql-and-propagation.md).
 *
 * @param mode   {@code seed} or {@code enforce}; empty: {@code seed} when a configuration is given
 * @param file   a JSON or YAML file holding the configuration ({@code PROXY_CONFIG_SEED_FILE})
 * @param inline the configuration under {@code proxy-config.declarative.config} in application.yaml,
 *               as its keys and raw values (empty when absent); the file wins when both are given
 */
public record DeclarationSource(Optional<String> mode, Optional<Path> file, Map<String, String> inline) {

    public static final DeclarationSource NONE = new DeclarationSource(Optional.empty(), Optional.empty(), Map.of());

    public DeclarationSource {
        inline = Map.copyOf(inline);
    }

    public boolean given() {
        return file.isPresent() || !inline.isEmpty();
    }
}
