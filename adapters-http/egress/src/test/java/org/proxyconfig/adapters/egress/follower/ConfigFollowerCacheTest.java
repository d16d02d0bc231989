package org.proxyconfig.adapters.egress.follower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.PASSWORD;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.PATIENCE;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.ROUTE_PASSWORD;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.TOKEN;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.effective;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.follower;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.routeOf;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.targetVia;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.via;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.domain.Secret;

class ConfigFollowerCacheTest {

    @TempDir
    Path dir;

    @AutoClose
    private final Closer closer = new Closer();

    private <T extends AutoCloseable> T closing(T resource) {
        return closer.closing(resource);
    }

    /** Follows revision {@code revision} from a server once, so that the cache file holds it. */
    private Path cacheOf(long revision, String proxyHost) throws Exception {
        Path cache = dir.resolve("state").resolve("proxy-config.cache");
        try (EffectiveServer server = EffectiveServer.http(TOKEN, revision, via(proxyHost));
             ConfigFollower follower = follower(server.base()).cacheFile(cache).start()) {
            assertThat(follower.awaitFirst(PATIENCE)).isTrue();
            Eventually.until("the cache file is written", PATIENCE, () -> Files.exists(cache));
        }
        return cache;
    }

    @Test
    void writesTheCacheSealedAndOwnerOnly() throws Exception {
        Path cache = cacheOf(3, "proxy-one.corp");

        byte[] bytes = Files.readAllBytes(cache);
        String asText = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain(PASSWORD).doesNotContain("proxy-one.corp").doesNotContain(TOKEN)
                .doesNotContain("enabled");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rw-------");
        try (var files = Files.list(cache.getParent())) {
            assertThat(files).as("no temporary file left beside it").containsExactly(cache);
        }
    }

    @Test
    void startsFromTheCacheWhenTheServerIsUnreachable() throws Exception {
        Path cache = cacheOf(3, "proxy-one.corp");

        ConfigFollower follower = closing(follower(FollowerFixtures.nothingListening()).cacheFile(cache).start());

        // Known as start() returns: the cache is read before the first poll.
        assertThat(routeOf(follower)).isEqualTo("proxy-one.corp");
        assertThat(follower.get().config().password().reveal()).isEqualTo(PASSWORD);
        assertThat(follower.state().revision()).isEqualTo(3);
        assertThat(follower.state().source()).isEqualTo(FollowerState.Source.CACHE);
        Eventually.until("a failed contact", PATIENCE, () -> follower.state().consecutiveFailures() >= 1);
        assertThat(routeOf(follower)).isEqualTo("proxy-one.corp");
    }

    @Test
    void theServerConfirmingTheCachedRevisionMakesItTheServers() throws Exception {
        Path cache = cacheOf(3, "proxy-one.corp");
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 3, via("proxy-one.corp")));

        ConfigFollower follower = closing(follower(server.base()).cacheFile(cache).start());

        Eventually.until("the server confirmed revision 3", PATIENCE,
                () -> follower.state().source() == FollowerState.Source.SERVER);
        assertThat(server.ifNoneMatchSeen()).first().isEqualTo("\"3\"");
        assertThat(follower.state().revision()).isEqualTo(3);
    }

    @Test
    void aNewerRevisionFromTheServerReplacesTheCachedOneAndIsCached() throws Exception {
        Path cache = cacheOf(3, "proxy-one.corp");
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 4, via("proxy-two.corp")));
        closing(follower(server.base()).cacheFile(cache).start());
        server.publish(5, via("proxy-three.corp"));

        LastGoodCache file = new LastGoodCache(new CacheFile(cache), CacheSeal.forToken(Secret.of(TOKEN)));
        Eventually.until("the cache holds revision 5", PATIENCE,
                () -> file.load().map(LastGoodCache.Cached::revision).orElse(-1L) == 5);

        // What the file holds now is what a later start routes by.
        ConfigFollower offline = closing(follower(FollowerFixtures.nothingListening()).cacheFile(cache).start());
        assertThat(routeOf(offline)).isEqualTo("proxy-three.corp");
    }

    @Test
    void keepsTheRoutesWithTheConfigurationAndAStartFromTheCacheRoutesByThem() throws Exception {
        Path cache = dir.resolve("proxy-config.cache");
        LastGoodCache file = new LastGoodCache(new CacheFile(cache), CacheSeal.forToken(Secret.of(TOKEN)));

        file.store(4, via("proxy-one.corp"), targetVia("proxy-route.corp"));

        assertThat(file.load()).hasValue(new LastGoodCache.Cached(4, via("proxy-one.corp"), targetVia("proxy-route.corp")));
        assertThat(new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1)).doesNotContain(ROUTE_PASSWORD)
                .doesNotContain("proxy-route.corp");
        ConfigFollower offline = closing(follower(FollowerFixtures.nothingListening()).cacheFile(cache).start());
        assertThat(routeOf(offline)).isEqualTo("proxy-route.corp");
        assertThat(offline.get().routes().get(0).via().ownProxy().orElseThrow().password().reveal()).isEqualTo(ROUTE_PASSWORD);
    }

    @Test
    void aCacheFileWrittenBeforeTheRoutesStillLoadsAsNoRoutes() throws Exception {
        Path cache = dir.resolve("proxy-config.cache");
        String withoutRoutes = effective(via("proxy-one.corp")).replace(",\"routes\":[]", "");
        assertThat(withoutRoutes).doesNotContain("routes");
        new CacheFile(cache).write(CacheSeal.forToken(Secret.of(TOKEN)).seal(3, withoutRoutes.getBytes(StandardCharsets.UTF_8)));

        ConfigFollower offline = closing(follower(FollowerFixtures.nothingListening()).cacheFile(cache).start());

        assertThat(offline.state().revision()).isEqualTo(3);
        assertThat(offline.state().source()).isEqualTo(FollowerState.Source.CACHE);
        assertThat(routeOf(offline)).isEqualTo("proxy-one.corp");
        assertThat(offline.get().routes().isEmpty()).isTrue();
    }

    @Test
    void aServerRevisionLowerThanTheCachedOneIsRefusedAsBehind() throws Exception {
        Path cache = cacheOf(8, "proxy-one.corp");
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 2, via("proxy-two.corp")));

        ConfigFollower follower = closing(follower(server.base()).cacheFile(cache).start());

        // Waits for the report itself: the loop records the contact a moment before the problem it reports.
        Eventually.until("the lower revision is refused", PATIENCE, () -> follower.state().lastError().isPresent());
        assertThat(follower.state().lastContact()).isPresent();
        assertThat(routeOf(follower)).isEqualTo("proxy-one.corp");
        assertThat(follower.state().lastError()).hasValueSatisfying(p ->
                assertThat(p.message()).contains("behind: it answered revision 2, older than revision 8 held"));
        assertThat(follower.state().consecutiveFailures()).isZero();
        assertThat(follower.state().source()).as("the server never confirmed revision 8").isEqualTo(FollowerState.Source.CACHE);
    }

    @Test
    void ignoresACacheSealedWithAnotherToken() throws Exception {
        Path cache = cacheOf(3, "proxy-one.corp");

        ConfigFollower follower = closing(ConfigFollower.builder(FollowerFixtures.nothingListening(), "another-token")
                .cacheFile(cache).start());

        assertThatThrownBy(follower::get).isInstanceOf(IllegalStateException.class);
        assertThat(follower.state().source()).isEqualTo(FollowerState.Source.NONE);
        assertThat(follower.state().lastError()).hasValueSatisfying(p ->
                assertThat(p.message()).contains("does not open with this token"));
    }

    @Test
    void ignoresATamperedCache() throws Exception {
        Path cache = cacheOf(3, "proxy-one.corp");
        byte[] bytes = Files.readAllBytes(cache);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(cache, bytes);

        ConfigFollower follower = closing(follower(FollowerFixtures.nothingListening()).cacheFile(cache).start());

        assertThatThrownBy(follower::get).isInstanceOf(IllegalStateException.class);
        assertThat(follower.state().lastError()).hasValueSatisfying(p ->
                assertThat(p.message()).contains("is ignored"));
    }
}
