package org.proxyconfig.bootstrap;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.proxyconfig.adapters.http.HttpApi;
import org.proxyconfig.adapters.http.egress.OutboundClients;
import org.proxyconfig.adapters.http.egress.ProbingTargetProber;
import org.proxyconfig.adapters.http.security.ApiCredentials;
import org.proxyconfig.adapters.http.security.AuthenticationFilter;
import org.proxyconfig.adapters.http.security.FailedAuthBrake;
import org.proxyconfig.adapters.persistence.Database;
import org.proxyconfig.adapters.persistence.JdbcGeneratedTokenStore;
import org.proxyconfig.adapters.persistence.JdbcProxyConfigStore;
import org.proxyconfig.adapters.persistence.crypto.AesGcmSecretCipher;
import org.proxyconfig.adapters.persistence.crypto.EncryptionKey;
import org.proxyconfig.application.ActiveProxyConfig;
import org.proxyconfig.application.DryRunService;
import org.proxyconfig.application.GetProxyConfigService;
import org.proxyconfig.application.ProxyConfigHistoryService;
import org.proxyconfig.application.RestoreRevisionService;
import org.proxyconfig.application.UpdateProxyConfigService;
import org.proxyconfig.application.port.out.ProxyConfigStore;

/**
 * The composition root: builds the whole application from its settings, top to bottom, and
 * owns what must be closed. {@link Main} and the end-to-end tests start it the same way.
 */
public final class ProxyConfigServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProxyConfigServer.class.getName());

    private final Database database;
    private final WebServer webServer;
    private final ActiveProxyConfig active;

    private final OutboundClients outboundClients;

    private ProxyConfigServer(Database database, WebServer webServer, ActiveProxyConfig active,
                              OutboundClients outboundClients) {
        this.database = database;
        this.webServer = webServer;
        this.active = active;
        this.outboundClients = outboundClients;
    }

    /** Starts with the console as the place where a generated admin token is shown. */
    public static ProxyConfigServer start(Settings settings, Clock clock) {
        return start(settings, clock, System.out);
    }

    public static ProxyConfigServer start(Settings settings, Clock clock, PrintStream console) {
        // The store: the configured database, migrated, the proxy password sealed at rest.
        EncryptionKey key = EncryptionKey.load(
                settings.encryptionKey().isSet() ? settings.encryptionKey().reveal() : null, settings.dataDir());
        Database database = settings.dbUrl()
                .map(url -> Database.open(url, settings.dbUser(), settings.dbPassword().reveal()))
                .orElseGet(() -> Database.openDefault(settings.dataDir()));
        try {
            ProxyConfigStore store = JdbcProxyConfigStore.open(database.dataSource(), new AesGcmSecretCipher(key));

            // The routing decision in force follows every committed change; the gateway's outbound
            // clients, one per purpose, consult it on every request.
            var getProxyConfig = new GetProxyConfigService(store);
            var active = new ActiveProxyConfig(getProxyConfig);
            var outboundClients = new OutboundClients(active);

            // Use cases.
            var useCases = new HttpApi.UseCases(
                    getProxyConfig,
                    new UpdateProxyConfigService(store, clock, active),
                    new ProxyConfigHistoryService(store),
                    new RestoreRevisionService(store, clock, active),
                    new DryRunService(store, new ProbingTargetProber(outboundClients.connector())));

            // Who may call the API.
            ApiCredentials credentials = ApiCredentialSetup.credentials(
                    settings.api(), new JdbcGeneratedTokenStore(database.dataSource()), clock, console);
            var authentication = new AuthenticationFilter(credentials, new FailedAuthBrake(clock));

            // The HTTP API.
            WebServer webServer = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .shutdownHook(false) // Main stops the server, then closes the database
                    .routing(routing -> HttpApi.routing(routing, useCases, authentication, openApiDocument()))
                    .build()
                    .start();

            LOG.log(Level.INFO, "proxy-config listening on http://" + settings.host() + ":" + webServer.port()
                    + " with data in " + settings.dataDir() + " (database " + database.location()
                    + ", encryption key from " + key.source() + ", " + credentials + ")");
            return new ProxyConfigServer(database, webServer, active, outboundClients);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The port actually listened on (useful when the settings asked for 0). */
    public int port() {
        return webServer.port();
    }

    /** The routing decision in force for outbound traffic. */
    public ActiveProxyConfig active() {
        return active;
    }

    /** The gateway's proxy-aware outbound clients, one per purpose, always on the configuration in force. */
    public OutboundClients outboundClients() {
        return outboundClients;
    }

    /** Stops accepting requests, lets running ones finish, then closes the database. */
    @Override
    public void close() {
        webServer.stop();
        database.close();
        LOG.log(Level.INFO, "proxy-config stopped");
    }

    private static String openApiDocument() {
        try (InputStream in = ProxyConfigServer.class.getResourceAsStream("/META-INF/proxy-config/openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml is missing from the classpath (docs module)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
