package org.proxyconfig.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.proxyconfig.adapters.http.declaration.DeclarationSource;
import org.proxyconfig.adapters.http.tls.TlsFiles;
import org.proxyconfig.domain.Secret;

/**
 * What the operator configured: {@code application.yaml} on the classpath, each key overridden by
 * its {@code PROXY_CONFIG_*} environment variable. Read once at start. Secrets are {@link Secret}s,
 * so printing the settings shows none of them.
 *
 * @param host          the address to listen on
 * @param port          the port to listen on (0: any free port)
 * @param dataDir       where the H2 database and the key file live
 * @param dbUrl         a JDBC URL, or empty for the H2 file database under {@code dataDir}
 * @param dbUser        the database user for {@code dbUrl}
 * @param dbPassword    the database password for {@code dbUrl}
 * @param encryptionKey the base64 key that seals the proxy password, or unset to use (or create)
 *                      the key file in {@code dataDir}
 * @param api           the credentials that open the API
 * @param revisionPoll  how often the store is asked for a newer revision (the safety net of change
 *                      notifications between instances)
 * @param declarative   a configuration declared at start-up, if any
 * @param tls           the API's certificate, key and client CA files, when it speaks HTTPS
 * @param logFormat     how log lines are written
 */
public record Settings(String host, int port, Path dataDir, Optional<String> dbUrl, String dbUser,
                       Secret dbPassword, Secret encryptionKey, ApiSettings api, Duration revisionPoll,
                       DeclarationSource declarative, Optional<TlsFiles> tls, LogFormat logFormat) {

    /**
     * Configured API credentials; no admin or viewer credential means "generate an admin token on
     * first start" (the egress role's credentials are for machines and do not count). A user name
     * counts only with its password.
     *
     * @param egressClientSubjects      client certificate subjects (RFC 2253 names) that act as the egress role
     * @param egressPlaintextLoopback   whether a client on loopback may read the effective
     *                                  configuration over plain HTTP (a sidecar)
     * @param metricsNeedCredentials    whether {@code /metrics} needs a viewer or admin credential
     */
    public record ApiSettings(Secret adminToken, Secret viewerToken, String adminUser, Secret adminPassword,
                              String viewerUser, Secret viewerPassword, Secret egressToken,
                              List<String> egressClientSubjects, boolean egressPlaintextLoopback,
                              boolean metricsNeedCredentials) {

        public ApiSettings {
            egressClientSubjects = List.copyOf(egressClientSubjects);
        }

        public boolean noneConfigured() {
            return !adminToken.isSet() && !viewerToken.isSet() && !adminPassword.isSet() && !viewerPassword.isSet();
        }
    }

    /** Every secret configured, set or not: what must never appear in a line this process prints. */
    public List<Secret> secrets() {
        return List.of(dbPassword, encryptionKey, api.adminToken(), api.viewerToken(), api.adminPassword(),
                api.viewerPassword(), api.egressToken());
    }

    public static Settings load(Map<String, String> env) {
        return load(env, Config.just(ConfigSources.classpath("application.yaml")));
    }

    /** The same over another YAML document (tests). */
    static Settings load(Map<String, String> env, Config yaml) {
        Source source = new Source(env, yaml);
        String dbUrl = source.get("PROXY_CONFIG_DB_URL", "proxy-config.db-url", "");
        ApiSettings api = new ApiSettings(
                source.secret("PROXY_CONFIG_ADMIN_TOKEN", "proxy-config.security.admin-token"),
                source.secret("PROXY_CONFIG_VIEWER_TOKEN", "proxy-config.security.viewer-token"),
                source.get("PROXY_CONFIG_ADMIN_USER", "proxy-config.security.admin-user", "admin"),
                source.secret("PROXY_CONFIG_ADMIN_PASSWORD", "proxy-config.security.admin-password"),
                source.get("PROXY_CONFIG_VIEWER_USER", "proxy-config.security.viewer-user", "viewer"),
                source.secret("PROXY_CONFIG_VIEWER_PASSWORD", "proxy-config.security.viewer-password"),
                source.secret("PROXY_CONFIG_EGRESS_TOKEN", "proxy-config.security.egress-token"),
                subjects(source.get("PROXY_CONFIG_EGRESS_CLIENT_SUBJECTS", "proxy-config.security.egress-client-subjects", "")),
                flag("PROXY_CONFIG_EGRESS_PLAINTEXT_LOOPBACK",
                        source.get("PROXY_CONFIG_EGRESS_PLAINTEXT_LOOPBACK", "proxy-config.security.egress-plaintext-loopback", "false")),
                metricsAuth(source.get("PROXY_CONFIG_METRICS_AUTH", "proxy-config.security.metrics-auth", "")));
        return new Settings(
                source.get("PROXY_CONFIG_HOST", "server.host", "0.0.0.0"),
                parsePort(source.get("PROXY_CONFIG_PORT", "server.port", "8080")),
                Path.of(source.get("PROXY_CONFIG_DATA_DIR", "proxy-config.data-dir", "./data")).toAbsolutePath().normalize(),
                dbUrl.isBlank() ? Optional.empty() : Optional.of(dbUrl.strip()),
                source.get("PROXY_CONFIG_DB_USER", "proxy-config.db-user", ""),
                source.secret("PROXY_CONFIG_DB_PASSWORD", "proxy-config.db-password"),
                source.secret("PROXY_CONFIG_ENCRYPTION_KEY", "proxy-config.encryption-key"),
                api,
                Duration.ofMillis(parseMillis(source.get("PROXY_CONFIG_REVISION_POLL_MS",
                        "proxy-config.revision-poll-ms", "500"))),
                declarative(source, yaml),
                tls(source, api),
                LogFormat.parse(source.get("PROXY_CONFIG_LOG_FORMAT", "proxy-config.log-format", "text")));
    }

    /** Certificate and key go together; a client CA needs them, and client subjects need a client CA. */
    private static Optional<TlsFiles> tls(Source source, ApiSettings api) {
        Optional<Path> cert = path(source.get("PROXY_CONFIG_TLS_CERT", "proxy-config.tls.cert", ""));
        Optional<Path> key = path(source.get("PROXY_CONFIG_TLS_KEY", "proxy-config.tls.key", ""));
        Optional<Path> clientCa = path(source.get("PROXY_CONFIG_TLS_CLIENT_CA", "proxy-config.tls.client-ca", ""));
        if (cert.isPresent() != key.isPresent()) {
            throw new InvalidSettingException((cert.isPresent() ? "PROXY_CONFIG_TLS_KEY" : "PROXY_CONFIG_TLS_CERT")
                    + ": is needed too; HTTPS takes both PROXY_CONFIG_TLS_CERT and PROXY_CONFIG_TLS_KEY (PEM files)");
        }
        if (clientCa.isPresent() && cert.isEmpty()) {
            throw new InvalidSettingException("PROXY_CONFIG_TLS_CLIENT_CA: mutual TLS needs HTTPS first; "
                    + "set PROXY_CONFIG_TLS_CERT and PROXY_CONFIG_TLS_KEY too");
        }
        if (!api.egressClientSubjects().isEmpty() && clientCa.isEmpty()) {
            throw new InvalidSettingException("PROXY_CONFIG_EGRESS_CLIENT_SUBJECTS: without PROXY_CONFIG_TLS_CLIENT_CA "
                    + "no client presents a certificate, so no subject could ever match");
        }
        return cert.map(c -> new TlsFiles(c, key.orElseThrow(), clientCa));
    }

    private static Optional<Path> path(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip()).toAbsolutePath().normalize());
    }

    private static DeclarationSource declarative(Source source, Config yaml) {
        String mode = source.get("PROXY_CONFIG_SEED_MODE", "proxy-config.declarative.mode", "").strip();
        String file = source.get("PROXY_CONFIG_SEED_FILE", "proxy-config.declarative.file", "").strip();
        Map<String, String> inline = new LinkedHashMap<>();
        Config node = yaml.get("proxy-config.declarative.config");
        if (node.exists()) {
            for (Config field : node.asNodeList().orElse(List.of())) {
                String name = field.name();
                if (!field.isLeaf()) {
                    throw new InvalidSettingException("proxy-config.declarative.config." + name
                            + ": must be a single value, not a list or a map");
                }
                inline.put(name, field.asString().orElse(""));
            }
        }
        return new DeclarationSource(mode.isEmpty() ? Optional.empty() : Optional.of(mode),
                file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file).toAbsolutePath().normalize()),
                Map.copyOf(inline));
    }

    /** Distinguished names hold commas, so the list is separated by semicolons. */
    private static List<String> subjects(String value) {
        List<String> subjects = new ArrayList<>();
        for (String subject : value.split(";")) {
            if (subject.isBlank()) continue;
            try {
                new X500Principal(subject.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("PROXY_CONFIG_EGRESS_CLIENT_SUBJECTS: '" + subject.strip()
                        + "' is not a distinguished name such as CN=gateway-1,O=Example (separate several with ';')");
            }
            subjects.add(subject.strip());
        }
        return subjects;
    }

    /** Open (empty or {@code none}, like {@code /health}), or {@code viewer}: a viewer or admin credential. */
    private static boolean metricsAuth(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "", "none" -> false;
            case "viewer" -> true;
            default -> throw new InvalidSettingException("PROXY_CONFIG_METRICS_AUTH: '" + value
                    + "' is neither viewer (a viewer or admin credential) nor none (open, the default)");
        };
    }

    private static boolean flag(String variable, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new InvalidSettingException(variable + ": '" + value + "' is not true or false");
        };
    }

    private static long parseMillis(String value) {
        try {
            long millis = Long.parseLong(value.strip());
            if (millis >= 50 && millis <= 60_000) return millis;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidSettingException("PROXY_CONFIG_REVISION_POLL_MS: '" + value
                + "' is not a number of milliseconds from 50 to 60000");
    }

    /** An environment variable, else the YAML key, else the default. */
    private record Source(Map<String, String> env, Config yaml) {
        String get(String variable, String key, String fallback) {
            String value = env.get(variable);
            return value != null ? value : yaml.get(key).asString().orElse(fallback);
        }

        Secret secret(String variable, String key) {
            return Secret.of(get(variable, key, "").strip());
        }
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidSettingException("PROXY_CONFIG_PORT: '" + value + "' is not a port number (0..65535)");
    }
}
