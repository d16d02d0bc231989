package org.proxyconfig.adapters.egress.follower;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.proxyconfig.adapters.wire.EffectiveConfigJson;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;

/**
 * The last good configuration kept on disk, sealed ({@link CacheSeal}) in a file written
 * atomically ({@link CacheFile}): what a follower starts from when the server cannot be reached
 * at start. It holds the configuration and its routes in the {@code /effective} wire format, so
 * reading it back goes through the same parser and the same rules as an answer from the server;
 * a file written before the routes (no {@code routes} member) reads as no routes.
 */
final class LastGoodCache {

    private final CacheFile file;
    private final CacheSeal seal;

    LastGoodCache(CacheFile file, CacheSeal seal) {
        this.file = file;
        this.seal = seal;
    }

    /** A revision, its configuration and its routes, as the server once gave them. */
    record Cached(long revision, ProxyConfig config, ProxyRoutes routes) {
    }

    /**
     * The cached configuration, or empty when there is no file.
     *
     * @throws CacheProblem when there is a file but it cannot be used (unreadable, another token, changed, invalid)
     */
    Optional<Cached> load() {
        Optional<byte[]> bytes;
        try {
            bytes = file.read();
        } catch (IOException e) {
            throw new CacheProblem("cannot read the cache file " + file.path() + ": " + describe(e));
        }
        if (bytes.isEmpty()) return Optional.empty();
        try {
            CacheSeal.Opened opened = seal.open(bytes.get());
            EffectiveConfigJson.Effective effective = EffectiveConfigJson.read(opened.configJson());
            return Optional.of(new Cached(opened.revision(), effective.config(), effective.routes()));
        } catch (RuntimeException e) {
            // Unsealed yet invalid means another version's rules; either way the file is not used.
            throw new CacheProblem("the cache file " + file.path() + " is ignored: " + e.getMessage());
        }
    }

    /** Keeps {@code config} and {@code routes} as the last good ones, replacing what the file held. */
    void store(long revision, ProxyConfig config, ProxyRoutes routes) {
        byte[] json = EffectiveConfigJson.write(config, routes).getBytes(StandardCharsets.UTF_8);
        try {
            file.write(seal.seal(revision, json));
        } catch (IOException e) {
            throw new CacheProblem("cannot write the cache file " + file.path() + ": " + describe(e));
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The cache could not be used or kept; the follower goes on without it. The message holds no secret. */
    static final class CacheProblem extends RuntimeException {
        CacheProblem(String message) {
            super(message, null, false, false);
        }
    }
}
