package org.proxyconfig.adapters.egress.follower;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.proxyconfig.adapters.egress.TrustManagers;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Secret;

/**
 * Keeps another JVM service's routing current with the proxy-config server: a background thread
 * long-polls {@code GET {base}/api/proxy-config/effective} with the egress token, and {@link #get()}
 * always answers with the router of the last good configuration and its per-target routes
 * ({@code ProxyRouter.compile(config, routes)}, as the server routes). It is the {@code Supplier<ProxyRouter>}
 * that the outbound clients and the {@code ProxySelector} bridges take:
 *
 * <pre>{@code
 * ConfigFollower follower = ConfigFollower.builder(URI.create("https://proxy-config:8443"), token)
 *         .trustPem(caPem).cacheFile(Path.of("/var/lib/gateway/proxy-config.cache")).start();
 * OutboundClients clients = new OutboundClients(follower);
 * ProxySelector.setDefault(ProxyBridges.forJdkHttpClient(follower, Purpose.API));
 * }</pre>
 *
 * <p>Behaviour, and why:
 * <ul>
 * <li><b>Fails closed before the first configuration.</b> Until a configuration is known (from the
 *     server or the cache), {@link #get()} throws an {@link IllegalStateException}, so every request
 *     routed through it fails rather than silently going direct past a proxy that policy requires.
 *     {@link #start()} returns at once (after reading the cache); a service that must not take
 *     traffic before then waits with {@link #awaitFirst(Duration)}.</li>
 * <li><b>Only good answers replace the configuration.</b> A 200 is taken only with a quoted
 *     revision in its ETag, a body whose main object and routes pass the same parsers and rules as
 *     a PUT of each (a broken {@code routes} member makes the whole answer bad), and a revision
 *     not lower than the one held (revisions only grow, even across a database restore, which makes
 *     a new revision); an equal one changes nothing. Anything else is a bad answer: recorded in
 *     {@link #state()}, retried, never routed with.</li>
 * <li><b>Outages.</b> Routing goes on with the last good revision; each failure waits with
 *     exponential backoff and jitter ({@link Builder#backoff}, 200 ms doubling to 30 s by default),
 *     reset by the next usable answer. The listener hears of the lost and the restored contact.</li>
 * <li><b>The cache</b> ({@link Builder#cacheFile}, optional) holds the last good configuration and routes,
 *     sealed with a key derived from the token (AES-256-GCM) and written atomically, owner-only:
 *     read at start, so a service restarted while the server is down routes as before. A file that
 *     does not open (another token, changed, corrupt) is ignored and reported in the state. A server
 *     whose revisions went back (a store recreated from nothing) is refused, cache or not: delete the
 *     cache file to accept it.</li>
 * <li><b>No secret leaves it</b> in plain text: the token travels only in the {@code Authorization}
 *     header and the passwords (main and route proxies) only in the router and the sealed file; states, errors and log lines
 *     (System.Logger, contact lost and restored only) hold neither.</li>
 * <li><b>Its own requests go direct</b> ({@code NO_PROXY}), never through the JVM's default
 *     {@code ProxySelector}, which may be this follower's own bridge. Plain {@code http://} is
 *     accepted for a loopback server only (a sidecar terminating TLS, tests): the token would
 *     otherwise cross the network in clear.</li>
 * </ul>
 *
 * <p>One daemon thread, {@code proxy-config-follower}; {@link #close()} aborts the request in
 * flight and ends it.
 */
public final class ConfigFollower implements Supplier<ProxyRouter>, AutoCloseable {

    /** Told of each change, on the follower's thread; what a listener throws is logged and ignored. */
    public interface Listener {

        /**
         * A new revision is in force (from the cache at start, or from the server): its main
         * configuration is {@code config}; its routes, which may be all that changed, are in the
         * router {@link ConfigFollower#get()} answers.
         */
        void configurationChanged(long revision, ProxyConfig config);

        /** The first failure after a working contact (or at start); {@code reason} holds no secret. */
        default void contactLost(String reason) {
        }

        /** The first usable answer after {@link #contactLost}. */
        default void contactRestored() {
        }
    }

    static final String THREAD_NAME = "proxy-config-follower";

    private final URI base;
    private final CurrentConfig current;
    private final EffectiveClient client;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private ConfigFollower(Builder b) {
        this.base = b.base;
        this.current = new CurrentConfig(b.listener, Clock.systemUTC());
        Optional<LastGoodCache> cache = Optional.ofNullable(b.cacheFile)
                .map(path -> new LastGoodCache(new CacheFile(path), CacheSeal.forToken(b.token)));
        cache.ifPresent(this::startFrom);
        this.client = new EffectiveClient(b.base, b.token, b.tls);
        PollLoop loop = new PollLoop(client, current, cache, new Backoff(b.backoffMin, b.backoffMax, new Random()),
                b.wait, stop);
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(loop);
        thread.start();
    }

    private void startFrom(LastGoodCache cache) {
        try {
            cache.load().ifPresent(cached -> current.adopt(cached.revision(), cached.config(), cached.routes(), FollowerState.Source.CACHE));
        } catch (LastGoodCache.CacheProblem e) {
            current.problem(e.getMessage());
        }
    }

    /**
     * @param base  the server's address, e.g. {@code https://proxy-config:8443} (a path prefix is kept)
     * @param token an egress token of the server
     */
    public static Builder builder(URI base, Secret token) {
        return new Builder(base, token);
    }

    /** As {@link #builder(URI, Secret)}, for a token read as a string. */
    public static Builder builder(URI base, String token) {
        return new Builder(base, Secret.of(Objects.requireNonNull(token, "token")));
    }

    /**
     * The router of the configuration in force.
     *
     * @throws IllegalStateException while no configuration is known (fails closed: nothing is routed direct by default)
     */
    @Override
    public ProxyRouter get() {
        ProxyRouter router = current.routerOrNull();
        if (router != null) return router;
        FollowerState state = current.state();
        throw new IllegalStateException("no proxy configuration is known yet: " + base + " has not answered"
                + " and no usable cache was found" + state.lastError().map(p -> " (last error: " + p.message() + ")").orElse(""));
    }

    /** Waits until a configuration is known; true when one is, false when {@code timeout} passed first. */
    public boolean awaitFirst(Duration timeout) throws InterruptedException {
        return current.awaitKnown(timeout);
    }

    /** What the follower knows now. */
    public FollowerState state() {
        return current.state();
    }

    /** Stops following: the request in flight is aborted and the thread ends. {@link #get()} keeps its last answer. */
    @Override
    public void close() {
        stop.countDown();
        thread.interrupt();
        client.close();
        if (Thread.currentThread() == thread) return; // closed by a listener: the loop ends when it returns
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For tests: whether the poll thread still runs. */
    boolean running() {
        return thread.isAlive();
    }

    @Override
    public String toString() {
        FollowerState s = current.state();
        return "ConfigFollower[" + base + ", revision " + s.revision() + " from " + s.source().name().toLowerCase(Locale.ROOT) + "]";
    }

    /** Settings of a follower; {@link #start()} makes it. */
    public static final class Builder {

        private final URI base;
        private final Secret token;
        private SSLContext tls;
        private Path cacheFile;
        private Duration wait = Duration.ofSeconds(55);
        private Duration backoffMin = Duration.ofMillis(200);
        private Duration backoffMax = Duration.ofSeconds(30);
        private Listener listener = (revision, config) -> { };

        private Builder(URI base, Secret token) {
            this.base = ServerAddress.checked(Objects.requireNonNull(base, "base"));
            this.token = Objects.requireNonNull(token, "token");
            if (!token.isSet()) throw new IllegalArgumentException("the egress token is empty");
        }

        /** Trusts the server's certificate by this TLS context (default: the JVM's default trust). */
        public Builder trust(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Trusts exactly the CA certificates of this PEM text for the server (not the system roots):
         * a private CA that signed the server's certificate.
         */
        public Builder trustPem(String caPem) {
            List<X509Certificate> anchors = TrustManagers.parsePem(Objects.requireNonNull(caPem, "caPem"));
            if (anchors.isEmpty()) throw new IllegalArgumentException("caPem holds no CERTIFICATE block");
            return trust(TrustManagers.clientContext(TrustManagers.trusting(anchors)));
        }

        /** Keeps the last good configuration in this file (sealed, owner-only) and starts from it. */
        public Builder cacheFile(Path path) {
            this.cacheFile = Objects.requireNonNull(path, "path");
            return this;
        }

        /** How long the server may hold each poll, 1 to 300 s in whole seconds (default 55 s, below common idle timeouts of 60 s). */
        public Builder pollWait(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            // The server takes ?wait= in whole seconds, 1 to 300.
            if (wait.getNano() != 0 || wait.getSeconds() < 1 || wait.getSeconds() > 300) {
                throw new IllegalArgumentException("pollWait must be a whole number of seconds, 1 to 300");
            }
            this.wait = wait;
            return this;
        }

        /** The pause after a first failure, doubling with each next one up to {@code max} (defaults 200 ms and 30 s). */
        public Builder backoff(Duration min, Duration max) {
            new Backoff(min, max, new Random()); // checks the bounds now, not on the follower's thread
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Reads the cache (if any) and starts following; returns at once, without waiting for the server. */
        public ConfigFollower start() {
            return new ConfigFollower(this);
        }
    }
}
