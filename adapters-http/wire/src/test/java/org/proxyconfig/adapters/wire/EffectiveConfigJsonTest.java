package org.proxyconfig.adapters.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.RouteVia;
import org.proxyconfig.domain.Secret;

/** The {@code /effective} body: the main object and the routes, every password in clear, read back strictly. */
class EffectiveConfigJsonTest {

    private static final String MAIN_PASSWORD = "s3cret-pw";
    private static final String ROUTE_PASSWORD = "route-Pa55-in-clear";
    private static final ProxyConfig CONFIG = ProxyConfig.builder()
            .enabled(true).url("http://proxy.corp:3128").username("gateway").password(Secret.of(MAIN_PASSWORD))
            .noProxy("localhost,.internal").timeoutSeconds(12).enableForScim(true).build();
    private static final ProxyRoutes ROUTES = ProxyRoutes.builder()
            .add(".a.example", Set.of(Purpose.values()), RouteVia.DIRECT)
            .add("b.example", Set.of(Purpose.INFERENCE), RouteProxy.builder().type(ProxyType.HTTP)
                    .url("http://second.corp:8080").username("gw2").password(Secret.of(ROUTE_PASSWORD)).timeoutSeconds(7))
            .build();

    @Test
    void holdsTheMainObjectAndTheRoutesWithEveryPasswordInClear() {
        JsonObject effective = parse(EffectiveConfigJson.write(CONFIG, ROUTES));

        assertThat(effective.getString("password")).isEqualTo(MAIN_PASSWORD);
        assertThat(effective.getJsonArray("routes")).hasSize(2);
        assertThat(effective.getJsonArray("routes").getJsonObject(1).getJsonObject("via").getString("password"))
                .isEqualTo(ROUTE_PASSWORD);
    }

    @Test
    void theMainMembersAreTheGetBodysAndTheRoutesTheRoutesResourcesButForThePasswords() {
        JsonObject effective = parse(EffectiveConfigJson.write(CONFIG, ROUTES));
        JsonObject main = parse(ProxyConfigJson.write(CONFIG));
        String routes = ProxyRoutesJson.write(ROUTES);

        assertThat(effective.keySet()).containsExactlyElementsOf(concat(main.keySet(), "routes"));
        for (ConfigField field : ConfigField.values()) {
            if (field.secret()) continue;
            assertThat(effective.get(field.wireName())).as(field.wireName()).isEqualTo(main.get(field.wireName()));
        }
        assertThat("{\"routes\":" + effective.getJsonArray("routes") + "}")
                .isEqualTo(routes.replace("\"password\":\"" + Secret.REDACTED + "\"", "\"password\":\"" + ROUTE_PASSWORD + "\"")
                        .replace(",\"fallback_urls\":[],\"fallback_cooldown\":60", ""));
    }

    @Test
    void aRouteProxyCarriesItsFallbacksToFollowersOnlyWhenItHasThem() {
        ProxyRoutes withFallbacks = ProxyRoutes.builder()
                .add("b.example", Set.of(Purpose.INFERENCE), RouteProxy.builder().url("http://second.corp:8080")
                        .fallbackUrls(List.of("http://third.corp:8080")).fallbackCooldownSeconds(9))
                .build();

        JsonObject plain = parse(EffectiveConfigJson.write(CONFIG, ROUTES)).getJsonArray("routes").getJsonObject(1).getJsonObject("via");
        JsonObject failingOver = parse(EffectiveConfigJson.write(CONFIG, withFallbacks)).getJsonArray("routes").getJsonObject(0)
                .getJsonObject("via");

        assertThat(plain.keySet()).as("what a follower older than failover reads strictly")
                .doesNotContain("fallback_urls", "fallback_cooldown");
        assertThat(failingOver.getJsonArray("fallback_urls").getString(0)).isEqualTo("http://third.corp:8080");
        assertThat(failingOver.getInt("fallback_cooldown")).isEqualTo(9);
        assertThat(EffectiveConfigJson.read(EffectiveConfigJson.write(CONFIG, withFallbacks).getBytes(StandardCharsets.UTF_8))
                .routes()).isEqualTo(withFallbacks);
    }

    @Test
    void theNormalBodiesStayRedacted() {
        assertThat(ProxyConfigJson.write(CONFIG)).doesNotContain(MAIN_PASSWORD);
        assertThat(ProxyRoutesJson.write(ROUTES)).doesNotContain(ROUTE_PASSWORD);
    }

    @Test
    void readsBackAsTheSameConfigurationAndRoutes() {
        EffectiveConfigJson.Effective read = EffectiveConfigJson.read(utf8(EffectiveConfigJson.write(CONFIG, ROUTES)));

        assertThat(read.config()).isEqualTo(CONFIG);
        assertThat(read.routes()).isEqualTo(ROUTES);
        assertThat(read.routes().get(1).via().ownProxy().orElseThrow().password().reveal()).isEqualTo(ROUTE_PASSWORD);
    }

    @Test
    void noRoutesAreAnEmptyList() {
        String written = EffectiveConfigJson.write(ProxyConfig.DEFAULTS, ProxyRoutes.NONE);

        assertThat(parse(written).getJsonArray("routes")).isEmpty();
        assertThat(parse(written).getString("password")).isEmpty();
        assertThat(EffectiveConfigJson.read(utf8(written)).routes()).isEqualTo(ProxyRoutes.NONE);
    }

    @Test
    void aBodyWithoutRoutesFromAnOlderServerOrCacheMeansNoRoutes() {
        String older = EffectiveConfigJson.write(CONFIG, ProxyRoutes.NONE).replace(",\"routes\":[]", "");

        assertThat(older).doesNotContain("routes");
        assertThat(EffectiveConfigJson.read(utf8(older))).isEqualTo(new EffectiveConfigJson.Effective(CONFIG, ProxyRoutes.NONE));
    }

    @Test
    void aReaderOfTheMainObjectAloneIgnoresTheRoutesAsAnOlderFollowerDoes() {
        byte[] body = utf8(EffectiveConfigJson.write(CONFIG, ROUTES));

        assertThat(ProxyConfigJson.readDraft(body).resolveAgainst(ProxyConfig.DEFAULTS)).isEqualTo(CONFIG);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"routes\":{}",
            "\"routes\":[{\"match\":\"a.example\",\"via\":\"direct\",\"purpose\":[]}]",
            "\"routes\":[{\"match\":\"a.example\",\"via\":{\"url\":\"ftp://p.example:21\",\"password\":\"" + ROUTE_PASSWORD + "\"}}]",
            "\"routes\":[{\"match\":\"a.example\",\"via\":{\"url\":\"http://p.example:1\",\"password\":\"<redacted>\"}}]"})
    void aBrokenRoutesMemberIsRefusedNamingItsPathWithoutThePassword(String routes) {
        String body = EffectiveConfigJson.write(CONFIG, ProxyRoutes.NONE).replace("\"routes\":[]", routes);

        Throwable e = catchThrowable(() -> EffectiveConfigJson.read(utf8(body)));

        assertThat(e).isInstanceOfAny(MalformedBodyException.class, InvalidFieldException.class)
                .hasMessageStartingWith("routes");
        assertThat(e.getMessage()).doesNotContain(ROUTE_PASSWORD);
    }

    private static List<String> concat(Set<String> keys, String last) {
        List<String> all = new ArrayList<>(keys);
        all.add(last);
        return all;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject parse(String json) {
        return StrictJsonReader.readObject(utf8(json));
    }
}
