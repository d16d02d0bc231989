package org.proxyconfig.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.DeclarativeConfigEnforcedException;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.port.in.Declaration;
import org.proxyconfig.application.port.in.ReplaceProxyRoutesCommand;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyConfigDraft;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.ProxyRoutesDraft;
import org.proxyconfig.domain.ProxyRoutesDraft.RouteDraft;
import org.proxyconfig.domain.ProxyRoutesDraft.ViaDraft;
import org.proxyconfig.domain.RouteVia;

/** Seed and enforce, decided inside one write transaction of the store. */
class DeclarativeConfigServiceTest {

    private final InMemoryProxyConfigStore store = new InMemoryProxyConfigStore();
    private final DeclarativeConfigService service = new DeclarativeConfigService(store, Clock.systemUTC(), RevisionListener.NONE);
    private final UpdateProxyConfigService api = new UpdateProxyConfigService(store, Clock.systemUTC());

    private static ProxyConfigDraft draft(String host) {
        return ProxyConfigDraft.defaults().with(ConfigField.ENABLED, true).with(ConfigField.URL, "http://" + host + ":3128").with(ConfigField.USERNAME, "gw").with(ConfigField.PASSWORD, "pw").with(ConfigField.ENABLE_FOR_INFERENCE, true);
    }

    private static Declaration seed(String host, String fingerprint) {
        return new Declaration(Declaration.Mode.SEED, "proxy.json", draft(host), fingerprint);
    }

    private String urlInForce() {
        return new GetProxyConfigService(store).current().config().url();
    }

    @Test
    void aSeedFillsAnEmptyStoreAsARevisionOfItsSource() {
        assertThat(service.apply(seed("seeded.example", "fp-1"))).hasValueSatisfying(r -> {
            assertThat(r.number()).isEqualTo(1);
            assertThat(r.actor()).isEqualTo("declarative:proxy.json");
        });
    }

    @Test
    void anUnchangedSeedLeavesApiEditsAloneAndAChangedOneWins() {
        service.apply(seed("seeded.example", "fp-1"));
        api.update(new UpdateProxyConfigCommand(draft("edited.example"), "ops"));

        assertThat(service.apply(seed("seeded.example", "fp-1"))).isEmpty();
        assertThat(urlInForce()).contains("edited.example");

        assertThat(service.apply(seed("reseeded.example", "fp-2"))).isPresent();
        assertThat(urlInForce()).contains("reseeded.example");
    }

    @Test
    void enforceWinsWheneverItDiffersAndAddsNothingWhenEqual() {
        Declaration enforced = new Declaration(Declaration.Mode.ENFORCE, "proxy.yaml", draft("enforced.example"), "fp");
        assertThat(service.apply(enforced)).isPresent();
        assertThat(service.apply(enforced)).isEmpty();

        api.update(new UpdateProxyConfigCommand(draft("drifted.example"), "ops"));
        assertThat(service.apply(enforced)).hasValueSatisfying(r -> assertThat(r.number()).isEqualTo(3));
        assertThat(urlInForce()).contains("enforced.example");
    }

    private final ReplaceProxyRoutesService routesApi = new ReplaceProxyRoutesService(store, Clock.systemUTC(), RevisionListener.NONE);

    /** Routes sending {@code match} direct. */
    private static ProxyRoutesDraft direct(String match) {
        return ProxyRoutesDraft.of(List.of(new RouteDraft(match, ProxyRoute.ALL_PURPOSES, new ViaDraft.Named(RouteVia.DIRECT))));
    }

    private static Declaration withRoutes(Declaration.Mode mode, String host, String routeMatch, String fingerprint) {
        return new Declaration(mode, "proxy.json", draft(host), Optional.of(direct(routeMatch)), fingerprint);
    }

    private String routeInForce() {
        ProxyRoutes routes = new GetProxyConfigService(store).current().routes();
        return routes.isEmpty() ? "none" : routes.get(0).match().normalized();
    }

    @Test
    void declaredRoutesAreAppliedInTheSameRevisionAsTheMainConfiguration() {
        assertThat(service.apply(withRoutes(Declaration.Mode.SEED, "seeded.example", ".a.example", "fp-1")))
                .hasValueSatisfying(r -> {
                    assertThat(r.number()).isEqualTo(1);
                    assertThat(r.config().url()).contains("seeded.example");
                    assertThat(r.routes().get(0).match().normalized()).isEqualTo(".a.example");
                });
    }

    @Test
    void anUnchangedSeedLeavesApiRoutesAloneAndAChangedOneReplacesThem() {
        service.apply(withRoutes(Declaration.Mode.SEED, "seeded.example", ".a.example", "fp-1"));
        routesApi.replace(new ReplaceProxyRoutesCommand(direct(".api.example"), "ops", OptionalLong.empty()));

        assertThat(service.apply(withRoutes(Declaration.Mode.SEED, "seeded.example", ".a.example", "fp-1"))).isEmpty();
        assertThat(routeInForce()).isEqualTo(".api.example");

        assertThat(service.apply(withRoutes(Declaration.Mode.SEED, "seeded.example", ".b.example", "fp-2"))).isPresent();
        assertThat(routeInForce()).isEqualTo(".b.example");
    }

    @Test
    void enforcedRoutesWinOverTheStoredOnesAndAddNothingWhenEqual() {
        routesApi.replace(new ReplaceProxyRoutesCommand(direct(".api.example"), "ops", OptionalLong.empty()));
        Declaration enforced = withRoutes(Declaration.Mode.ENFORCE, "enforced.example", ".a.example", "fp");

        assertThat(service.apply(enforced)).isPresent();
        assertThat(routeInForce()).isEqualTo(".a.example");
        assertThat(service.apply(enforced)).isEmpty();

        Declaration noneDeclared = new Declaration(Declaration.Mode.ENFORCE, "proxy.json", draft("enforced.example"),
                Optional.of(ProxyRoutesDraft.NONE), "fp-none");
        assertThat(service.apply(noneDeclared)).as("an empty list removes them").isPresent();
        assertThat(routeInForce()).isEqualTo("none");
    }

    @Test
    void aSeedWithoutRoutesKeepsTheStoredOnes() {
        routesApi.replace(new ReplaceProxyRoutesCommand(direct(".api.example"), "ops", OptionalLong.empty()));

        assertThat(service.apply(seed("seeded.example", "fp-1"))).isPresent();

        assertThat(urlInForce()).contains("seeded.example");
        assertThat(routeInForce()).isEqualTo(".api.example");
    }

    @Test
    void aDeclarationCannotKeepAStoredRoutePassword() {
        ProxyRoutesDraft keeping = ProxyRoutesDraft.of(List.of(new RouteDraft("a.example", ProxyRoute.ALL_PURPOSES,
                new ViaDraft.OwnProxy("http", "http://p.example:1", "u", "<redacted>", 0, false, "", java.util.List.of(), 60))));

        assertThatThrownBy(() -> new Declaration(Declaration.Mode.SEED, "proxy.json", draft("x.example"), Optional.of(keeping), "fp"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeclarationBreakingARuleChangesNothing() {
        var bad = new Declaration(Declaration.Mode.SEED, "proxy.json",
                ProxyConfigDraft.defaults().with(ConfigField.ENABLED, true).with(ConfigField.URL, "ftp://proxy:21"), "fp");
        assertThatThrownBy(() -> service.apply(bad)).isInstanceOf(InvalidFieldException.class);
        assertThat(new GetProxyConfigService(store).current().revision()).isZero();
    }

    @Test
    void enforcedWritesAreRefusedNamingTheSource() {
        assertThatThrownBy(() -> new EnforcedDeclaration("proxy.yaml").update(
                new UpdateProxyConfigCommand(draft("x.example"), "ops")))
                .isInstanceOf(DeclarativeConfigEnforcedException.class)
                .hasMessageContaining("proxy.yaml, which is the source of truth");
    }
}
