package org.proxyconfig.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.proxyconfig.domain.Secret;

/**
 * What the operator configured: {@code application.yaml} on the classpath, each key overridden by
 * its {@code PROXY_CONFIG_*} environment variable. Read once at start.
 *
 * @param host    the address to listen on
 * @param port    the port to listen on (0: any free port)
 * @param dataDir where the H2 database and the key file live
 * @param dbUrl   a JDBC URL, or empty for the H2 file database under {@code dataDir}
 * @param dbUser  the database user for {@code dbUrl}
 * @param dbPassword the database password for {@code dbUrl}; redacted in {@code toString}
 * @param encryptionKey the base64 key that seals the proxy password, or unset to use (or
 *                      create) the key file in {@code dataDir}; redacted in {@code toString}
 */
public record Settings(String host, int port, Path dataDir, Optional<String> dbUrl, String dbUser,
                       Secret dbPassword, Secret encryptionKey) {

    public static Settings load(Map<String, String> env) {
        Config yaml = Config.just(ConfigSources.classpath("application.yaml"));
        String host = env.getOrDefault("PROXY_CONFIG_HOST", yaml.get("server.host").asString().orElse("0.0.0.0"));
        String port = env.getOrDefault("PROXY_CONFIG_PORT", yaml.get("server.port").asString().orElse("8080"));
        String dataDir = env.getOrDefault("PROXY_CONFIG_DATA_DIR", yaml.get("proxy-config.data-dir").asString().orElse("./data"));
        String dbUrl = env.getOrDefault("PROXY_CONFIG_DB_URL", yaml.get("proxy-config.db-url").asString().orElse(""));
        String dbUser = env.getOrDefault("PROXY_CONFIG_DB_USER", yaml.get("proxy-config.db-user").asString().orElse(""));
        String dbPassword = env.getOrDefault("PROXY_CONFIG_DB_PASSWORD", "");
        String encryptionKey = env.getOrDefault("PROXY_CONFIG_ENCRYPTION_KEY", "");
        return new Settings(host, parsePort(port), Path.of(dataDir).toAbsolutePath().normalize(),
                dbUrl.isBlank() ? Optional.empty() : Optional.of(dbUrl.strip()), dbUser,
                Secret.of(dbPassword), Secret.of(encryptionKey));
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("PROXY_CONFIG_PORT: '" + value + "' is not a port number (0..65535)");
    }
}
