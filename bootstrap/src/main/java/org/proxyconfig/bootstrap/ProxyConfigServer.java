package org.proxyconfig.bootstrap;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.proxyconfig.adapters.http.HttpApi;
import org.proxyconfig.adapters.http.declaration.DeclarationReader;
import org.proxyconfig.adapters.egress.EgressOptions;
import org.proxyconfig.adapters.egress.OutboundClients;
import org.proxyconfig.adapters.http.egress.ProbingTargetProber;
import org.proxyconfig.adapters.http.metrics.Metrics;
import org.proxyconfig.adapters.http.security.ApiCredentials;
import org.proxyconfig.adapters.http.security.AuthenticationFilter;
import org.proxyconfig.adapters.http.security.FailedAuthBrake;
import org.proxyconfig.adapters.http.tls.ApiTls;
import org.proxyconfig.adapters.persistence.Database;
import org.proxyconfig.adapters.persistence.JdbcGeneratedTokenStore;
import org.proxyconfig.adapters.persistence.JdbcProxyConfigStore;
import org.proxyconfig.adapters.persistence.crypto.AesGcmSecretCipher;
import org.proxyconfig.adapters.persistence.crypto.EncryptionKey;
import org.proxyconfig.adapters.persistence.crypto.KeyedFingerprint;
import org.proxyconfig.application.port.in.ApplyDeclarationUseCase;
import org.proxyconfig.application.port.in.CheckHealthUseCase;
import org.proxyconfig.application.port.in.Declaration;
import org.proxyconfig.application.port.in.ReplaceProxyRoutesUseCase;
import org.proxyconfig.application.port.in.RestoreRevisionUseCase;
import org.proxyconfig.application.port.in.UpdateProxyConfigUseCase;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.service.ActiveProxyConfig;
import org.proxyconfig.application.service.DeclarativeConfigService;
import org.proxyconfig.application.service.DryRunService;
import org.proxyconfig.application.service.EffectiveConfigService;
import org.proxyconfig.application.service.EnforcedDeclaration;
import org.proxyconfig.application.service.GeneratedAdminTokenService;
import org.proxyconfig.application.service.GetProxyConfigService;
import org.proxyconfig.application.service.ProxyConfigHistoryService;
import org.proxyconfig.application.service.ReplaceProxyRoutesService;
import org.proxyconfig.application.service.RestoreRevisionService;
import org.proxyconfig.application.service.RevisionFollower;
import org.proxyconfig.application.service.RevisionListener;
import org.proxyconfig.application.service.UpdateProxyConfigService;

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
    private final RevisionFollower follower;
    private final RevisionPolling polling;
    private final Metrics metrics;

    private ProxyConfigServer(Database database, WebServer webServer, ActiveProxyConfig active,
                              OutboundClients outboundClients, RevisionFollower follower, RevisionPolling polling,
                              Metrics metrics) {
        this.database = database;
        this.webServer = webServer;
        this.active = active;
        this.outboundClients = outboundClients;
        this.follower = follower;
        this.polling = polling;
        this.metrics = metrics;
    }

    /** Starts with the console as the place where a generated admin token is shown. */
    public static ProxyConfigServer start(Settings settings, Clock clock) {
        return start(settings, clock, System.out);
    }

    public static ProxyConfigServer start(Settings settings, Clock clock, PrintStream console) {
        return start(settings, clock, console, System.getenv());
    }

    /** @param env where the declared configuration's ${NAME} references are looked up */
    static ProxyConfigServer start(Settings settings, Clock clock, PrintStream console, Map<String, String> env) {
        HelidonMappers.setGlobalOnce();
        // The store: the configured database (H2 file, or PostgreSQL shared by several instances),
        // migrated, the proxy password sealed at rest.
        EncryptionKey key = EncryptionKey.load(
                settings.encryptionKey().isSet() ? settings.encryptionKey().reveal() : null, settings.dataDir());
        Optional<Declaration> declaration = DeclarationReader.read(settings.declarative(), env, new KeyedFingerprint(key));
        Database database = settings.dbUrl()
                .map(url -> Database.open(url, settings.dbUser(), settings.dbPassword().reveal()))
                .orElseGet(() -> Database.openDefault(settings.dataDir()));
        RevisionPolling polling = null;
        OutboundClients outboundClients = null;
        Metrics metrics = new Metrics(clock);
        try {
            ProxyConfigStore store = JdbcProxyConfigStore.open(database, new AesGcmSecretCipher(key));

            // A configuration declared at start-up goes in first, through the normal update path.
            ApplyDeclarationUseCase applyDeclaration = new DeclarativeConfigService(store, clock, RevisionListener.NONE);
            declaration.ifPresent(applyDeclaration::apply);

            // The routing decision in force follows every committed change, this instance's at once and
            // other instances' through the follower, which is polled here and woken by each change
            // notification; the outbound clients consult it on every request.
            var getProxyConfig = new GetProxyConfigService(store);
            var active = new ActiveProxyConfig(getProxyConfig);
            outboundClients = new OutboundClients(active, EgressOptions.defaults().withObserver(metrics.egress()));
            var follower = new RevisionFollower(store, active, database.changeNotifications(), clock);
            polling = RevisionPolling.start(follower, settings.revisionPoll());
            metrics.state(active::revision, () -> !follower.check().degraded(), active::watching);

            // Use cases; when a declaration is enforced, it is the only writer.
            var enforced = declaration.filter(d -> d.mode() == Declaration.Mode.ENFORCE)
                    .map(d -> new EnforcedDeclaration(d.source()));
            var useCases = new HttpApi.UseCases(
                    getProxyConfig,
                    enforced.<UpdateProxyConfigUseCase>map(e -> e).orElseGet(() -> new UpdateProxyConfigService(store, clock, active)),
                    new ProxyConfigHistoryService(store),
                    enforced.<RestoreRevisionUseCase>map(e -> e).orElseGet(() -> new RestoreRevisionService(store, clock, active)),
                    enforced.<ReplaceProxyRoutesUseCase>map(e -> e).orElseGet(() -> new ReplaceProxyRoutesService(store, clock, active)),
                    new DryRunService(store, new ProbingTargetProber(outboundClients, metrics.probes())),
                    follower,
                    new EffectiveConfigService(active),
                    active);

            // Who may call the API.
            ApiCredentials credentials = ApiCredentialSetup.credentials(settings.api(),
                    new GeneratedAdminTokenService(new JdbcGeneratedTokenStore(database), clock), console);
            var authentication = new AuthenticationFilter(credentials, new FailedAuthBrake(clock),
                    new AuthenticationFilter.Options(settings.api().egressPlaintextLoopback(),
                            settings.api().metricsNeedCredentials(), metrics.auth()));

            // The HTTP API, over TLS when a certificate is configured (read and checked before listening).
            Optional<ApiTls> tls = settings.tls().map(files -> ApiTls.load(files, clock));
            WebServer webServer = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .update(server -> tls.ifPresent(t -> server.tls(t.tls())))
                    .shutdownHook(false) // Main stops the server, then closes the database
                    .routing(routing -> HttpApi.routing(routing, useCases, authentication, openApiDocument(), metrics))
                    .build()
                    .start();

            LOG.log(Level.INFO, "proxy-config listening on " + (tls.isPresent() ? "https" : "http") + "://"
                    + settings.host() + ":" + webServer.port() + tls.map(t -> " (" + t + ")").orElse("")
                    + " with data in " + settings.dataDir() + " (database " + database.location()
                    + ", encryption key from " + key.source() + ", " + credentials
                    + declaration.map(d -> ", configuration declared in " + d.source() + " (" + d.mode().name()
                            .toLowerCase(Locale.ROOT) + ")").orElse("") + ")");
            return new ProxyConfigServer(database, webServer, active, outboundClients, follower, polling, metrics);
        } catch (RuntimeException e) {
            if (polling != null) polling.close();
            if (outboundClients != null) outboundClients.close();
            metrics.close();
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

    /** Whether the store answers, and the revision in force (what {@code /health} shows). */
    public CheckHealthUseCase health() {
        return follower;
    }

    /** The gateway's proxy-aware outbound clients, one per purpose, always on the configuration in force. */
    public OutboundClients outboundClients() {
        return outboundClients;
    }

    /**
     * Answers the held watch requests (304), stops accepting requests, lets running ones finish,
     * closes the outbound pools, then the database.
     */
    @Override
    public void close() {
        active.stopWatches();
        webServer.stop();
        polling.close();
        outboundClients.close();
        metrics.close();
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
