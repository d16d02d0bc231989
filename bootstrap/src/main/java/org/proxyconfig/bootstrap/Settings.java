package org.proxyconfig.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator configured: {@code application.yaml} on the classpath, each key overridden by
 * its {@code PROXY_CONFIG_*} environment variable. Read once at start.
 *
 * @param host    the address to listen on
 * @param port    the port to listen on (0: any free port)
 * @param dataDir where the H2 database and the key file live
 * @param dbUrl   a JDBC URL, or empty for the H2 file database under {@code dataDir}
 */
public record Settings(String host, int port, Path dataDir, Optional<String> dbUrl) {

    public static Settings load(Map<String, String> env) {
        Config yaml = Config.just(ConfigSources.classpath("application.yaml"));
        String host = env.getOrDefault("PROXY_CONFIG_HOST", yaml.get("server.host").asString().orElse("0.0.0.0"));
        String port = env.getOrDefault("PROXY_CONFIG_PORT", yaml.get("server.port").asString().orElse("8080"));
        String dataDir = env.getOrDefault("PROXY_CONFIG_DATA_DIR", yaml.get("proxy-config.data-dir").asString().orElse("./data"));
        String dbUrl = env.getOrDefault("PROXY_CONFIG_DB_URL", yaml.get("proxy-config.db-url").asString().orElse(""));
        return new Settings(host, parsePort(port), Path.of(dataDir).toAbsolutePath().normalize(),
                dbUrl.isBlank() ? Optional.empty() : Optional.of(dbUrl.strip()));
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
