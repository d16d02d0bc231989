package org.proxyconfig.bootstrap;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.proxyconfig.adapters.http.HttpApi;
import org.proxyconfig.adapters.persistence.Database;
import org.proxyconfig.adapters.persistence.JdbcProxyConfigStore;
import org.proxyconfig.adapters.persistence.crypto.AesGcmSecretCipher;
import org.proxyconfig.adapters.persistence.crypto.EncryptionKey;
import org.proxyconfig.application.GetProxyConfigService;
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

    private ProxyConfigServer(Database database, WebServer webServer) {
        this.database = database;
        this.webServer = webServer;
    }

    public static ProxyConfigServer start(Settings settings, Clock clock) {
        // Outbound port: the store, on the configured database, migrated, the password sealed at rest.
        EncryptionKey key = EncryptionKey.load(
                settings.encryptionKey().isSet() ? settings.encryptionKey().reveal() : null, settings.dataDir());
        Database database = settings.dbUrl()
                .map(url -> Database.open(url, settings.dbUser(), settings.dbPassword().reveal()))
                .orElseGet(() -> Database.openDefault(settings.dataDir()));
        try {
            ProxyConfigStore store = JdbcProxyConfigStore.open(database.dataSource(), new AesGcmSecretCipher(key));

            // Use cases.
            var getProxyConfig = new GetProxyConfigService(store);
            var updateProxyConfig = new UpdateProxyConfigService(store, clock);

            // Inbound port: the HTTP API.
            WebServer webServer = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .shutdownHook(false) // Main stops the server, then closes the database
                    .routing(routing -> HttpApi.routing(routing, getProxyConfig, updateProxyConfig, openApiDocument()))
                    .build()
                    .start();

            LOG.log(Level.INFO, "proxy-config listening on http://" + settings.host() + ":" + webServer.port()
                    + " with data in " + settings.dataDir() + " (database " + database.location()
                    + ", encryption key from " + key.source() + ")");
            return new ProxyConfigServer(database, webServer);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The port actually listened on (useful when the settings asked for 0). */
    public int port() {
        return webServer.port();
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
