package org.proxyconfig.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.DeclarativeConfigEnforcedException;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.ProbeResult;
import org.proxyconfig.application.StaleRevisionException;
import org.proxyconfig.application.port.in.Declaration;
import org.proxyconfig.application.port.in.DryRunCommand;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase.HistoryEntry;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase.HistoryQuery;
import org.proxyconfig.application.port.in.ReplaceProxyRoutesCommand;
import org.proxyconfig.application.port.in.RestoreRevisionUseCase.RestoreRevisionCommand;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyConfigDraft;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.ProxyRoutesDraft;
import org.proxyconfig.domain.ProxyRoutesDraft.RouteDraft;
import org.proxyconfig.domain.ProxyRoutesDraft.ViaDraft;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.Revision;
import org.proxyconfig.domain.RouteDecision;
import org.proxyconfig.domain.RouteVia;
import org.proxyconfig.domain.Secret;

/** The routes as a resource of their own in the one revision history: written, kept, restored, audited, in force. */
class ProxyRoutesServicesTest {

    private static final String ROUTE_SECRET = "route-S3cret-distinctive";

    private final InMemoryProxyConfigStore store = new InMemoryProxyConfigStore();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private final ActiveProxyConfig active = new ActiveProxyConfig(new GetProxyConfigService(store));
    private final UpdateProxyConfigService update = new UpdateProxyConfigService(store, clock, active);
    private final ReplaceProxyRoutesService routes = new ReplaceProxyRoutesService(store, clock, active);
    private final RestoreRevisionService restore = new RestoreRevisionService(store, clock, active);
    private final GetProxyConfigService get = new GetProxyConfigService(store);

    private static ProxyConfigDraft mainProxy(String url) {
        return ProxyConfigDraft.defaults().with(ConfigField.ENABLED, true).with(ConfigField.URL, url)
                .with(ConfigField.ENABLE_FOR_SCIM, true).with(ConfigField.ENABLE_FOR_INFERENCE, true)
                .with(ConfigField.ENABLE_FOR_API, true);
    }

    private static RouteDraft direct(String match) {
        return new RouteDraft(match, ProxyRoute.ALL_PURPOSES, new ViaDraft.Named(RouteVia.DIRECT));
    }

    private static RouteDraft viaSecond(String match, String password) {
        return new RouteDraft(match, ProxyRoute.ALL_PURPOSES,
                new ViaDraft.OwnProxy("http", "http://second.example:8080", "bob", password, 0, false, "", java.util.List.of(), 60));
    }

    private static ReplaceProxyRoutesCommand command(OptionalLong expected, RouteDraft... drafts) {
        return new ReplaceProxyRoutesCommand(ProxyRoutesDraft.of(List.of(drafts)), "alice", expected);
    }

    private Revision putRoutes(RouteDraft... drafts) {
        return routes.replace(command(OptionalLong.empty(), drafts));
    }

    private Revision putMain(String url) {
        return update.update(new UpdateProxyConfigCommand(mainProxy(url), "bob"));
    }

    private Revision latest() {
        return store.read(RevisionLog::latest).orElseThrow();
    }

    @Test
    void aRoutesWriteIsANewRevisionThatKeepsTheMainConfiguration() {
        Revision main = putMain("main.example:3128");

        Revision written = putRoutes(direct(".a.example"), viaSecond("b.example", ROUTE_SECRET));

        assertThat(written.number()).isEqualTo(2);
        assertThat(written.config()).isEqualTo(main.config());
        assertThat(written.routes().size()).isEqualTo(2);
        assertThat(get.current().routes()).isEqualTo(written.routes());
        assertThat(get.current().revision()).isEqualTo(2);
    }

    @Test
    void aPutOfTheMainObjectKeepsTheStoredRoutes() {
        Revision withRoutes = putRoutes(viaSecond("b.example", ROUTE_SECRET));

        Revision main = putMain("other.example:3128");

        assertThat(main.routes()).isEqualTo(withRoutes.routes());
        assertThat(latest().routes().get(0).via().ownProxy().orElseThrow().password().reveal()).isEqualTo(ROUTE_SECRET);
    }

    @Test
    void aStaleIfMatchIsRefusedAndChangesNothing() {
        putRoutes(direct(".a.example"));
        putMain("main.example:3128");
        Revision before = latest();

        assertThatThrownBy(() -> routes.replace(command(OptionalLong.of(1), direct(".z.example"))))
                .isInstanceOf(StaleRevisionException.class);
        assertThatThrownBy(() -> routes.validate(command(OptionalLong.of(1), direct(".z.example"))))
                .isInstanceOf(StaleRevisionException.class);

        assertThat(latest()).isEqualTo(before);
        assertThat(routes.replace(command(OptionalLong.of(2), direct(".z.example"))).number()).isEqualTo(3);
    }

    @Test
    void aBrokenRouteIsRefusedByIndexAndChangesNothing() {
        putRoutes(direct(".a.example"));
        Revision before = latest();

        assertThatThrownBy(() -> putRoutes(direct(".a.example"), direct("bad host")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("routes[1].match"));

        assertThat(latest()).isEqualTo(before);
        assertThat(active.revision()).isEqualTo(1);
    }

    @Test
    void validateAnswersTheRoutesAWriteWouldStoreAndStoresNothing() {
        putRoutes(viaSecond("b.example", ROUTE_SECRET));
        Revision before = latest();

        ProxyRoutes validated = routes.validate(command(OptionalLong.empty(), viaSecond("c.example", Secret.REDACTED)));

        assertThat(validated.get(0).via().ownProxy().orElseThrow().password().reveal()).isEqualTo(ROUTE_SECRET);
        assertThat(latest()).isEqualTo(before);
    }

    @Test
    void redactedKeepsTheStoredRoutePassword() {
        putRoutes(viaSecond("b.example", ROUTE_SECRET));

        putRoutes(direct(".a.example"), viaSecond("b.example, c.example", Secret.REDACTED));

        assertThat(latest().routes().get(1).via().ownProxy().orElseThrow().password().reveal()).isEqualTo(ROUTE_SECRET);
    }

    @Test
    void aRestoreBringsBackTheMainConfigurationAndTheRoutesOfThatRevision() {
        putMain("first.example:3128");
        Revision withRoutes = putRoutes(viaSecond("b.example", ROUTE_SECRET)); // 2
        putMain("second.example:3128"); // 3
        putRoutes(); // 4: none

        Revision restored = restore.restore(new RestoreRevisionCommand(2, "carol", OptionalLong.empty()));

        assertThat(restored.config()).isEqualTo(withRoutes.config());
        assertThat(restored.routes()).isEqualTo(withRoutes.routes());
        assertThat(active.get().routes()).isEqualTo(withRoutes.routes());
    }

    @Test
    void theHistoryNamesRoutesWhenTheyChanged() {
        putMain("main.example:3128");
        putRoutes(direct(".a.example"));
        putMain("other.example:3128");

        List<HistoryEntry> entries = new ProxyConfigHistoryService(store)
                .history(new HistoryQuery(OptionalLong.empty(), 10)).entries();

        assertThat(entries.get(0).changedFields()).containsExactly("url");
        assertThat(entries.get(1).changedFields()).containsExactly("routes");
    }

    @Test
    void theAuditLineCoversARoutesWriteWithoutItsPassword() {
        AuditLines lines = AuditLines.capture();
        try (lines) {
            putRoutes(viaSecond("b.example", ROUTE_SECRET));
        }

        assertThat(lines.text()).contains("routes update revision=1 actor=alice changed=[routes]")
                .doesNotContain(ROUTE_SECRET);
    }

    @Test
    void theRoutesAreInForceOnceCommitted() {
        putMain("main.example:3128");

        putRoutes(direct(".a.example"), viaSecond("b.example", ROUTE_SECRET));

        assertThat(active.get().decide(Purpose.API, "x.a.example", 443).route()).isEqualTo(RouteDecision.Route.DIRECT);
        assertThat(active.get().decide(Purpose.API, "b.example", 443).routeProxy().orElseThrow().password().reveal())
                .isEqualTo(ROUTE_SECRET);
        assertThat(active.get().decide(Purpose.API, "c.example", 443).proxy().orElseThrow().host()).isEqualTo("main.example");
    }

    @Test
    void theDryRunFollowsTheStoredRoutesAndNamesTheRoute() {
        putMain("main.example:3128");
        putRoutes(direct(".a.example"));
        DryRunService dryRun = new DryRunService(store, (router, purpose, target) -> new ProbeResult.Reached(204, 1));

        RouteDecision stored = dryRun.dryRun(new DryRunCommand(URI.create("https://x.a.example/"), Purpose.API,
                Optional.empty(), false)).decision();
        RouteDecision withDraft = dryRun.dryRun(new DryRunCommand(URI.create("https://x.a.example/"), Purpose.API,
                Optional.of(mainProxy("draft.example:3128")), false)).decision();

        assertThat(stored.describe()).isEqualTo("route 0 (match .a.example) → direct");
        assertThat(withDraft.describe()).isEqualTo("route 0 (match .a.example) → direct");
    }

    @Test
    void aDeclarationKeepsTheStoredRoutes() {
        Revision withRoutes = putRoutes(direct(".a.example"));
        Declaration declared = new Declaration(Declaration.Mode.ENFORCE, "proxy.yaml", mainProxy("declared.example:3128"), "fp-1");

        Revision applied = new DeclarativeConfigService(store, clock, active).apply(declared).orElseThrow();

        assertThat(applied.routes()).isEqualTo(withRoutes.routes());
    }

    @Test
    void enforcedDeclarationRefusesRouteWritesAndTheirDryRun() {
        EnforcedDeclaration enforced = new EnforcedDeclaration("/etc/proxy.yaml");

        assertThatThrownBy(() -> enforced.replace(command(OptionalLong.empty(), direct(".a.example"))))
                .isInstanceOf(DeclarativeConfigEnforcedException.class);
        assertThatThrownBy(() -> enforced.validate(command(OptionalLong.empty(), direct(".a.example"))))
                .isInstanceOf(DeclarativeConfigEnforcedException.class);
    }

    @Test
    void aRoutesWriteReadsTheLatestRevisionOnce() {
        putMain("main.example:3128");
        AtomicInteger reads = new AtomicInteger();
        ProxyConfigStore counting = new ProxyConfigStore() {
            @Override public <T> T read(Function<RevisionLog, T> work) { return store.read(work); }

            @Override public <T> T write(Function<RevisionLog, T> work) {
                return store.write(log -> work.apply(new CountingLog(log, reads)));
            }
        };

        new ReplaceProxyRoutesService(counting, clock, RevisionListener.NONE)
                .replace(command(OptionalLong.of(1), direct(".a.example")));
        new UpdateProxyConfigService(counting, clock).update(
                new UpdateProxyConfigCommand(mainProxy("other.example:3128"), "bob", OptionalLong.of(2)));

        assertThat(reads).hasValue(2);
    }

    /** Counts the reads of the latest revision. */
    private record CountingLog(RevisionLog log, AtomicInteger reads) implements RevisionLog {
        @Override public Optional<Revision> latest() { reads.incrementAndGet(); return log.latest(); }
        @Override public Revision append(org.proxyconfig.domain.ProxyConfig c, ProxyRoutes r, Instant at, String actor) {
            return log.append(c, r, at, actor);
        }
        @Override public Optional<Revision> find(long number) { return log.find(number); }
        @Override public List<Revision> newestFirst(long before, int limit) { return log.newestFirst(before, limit); }
        @Override public Optional<String> declarationFingerprint() { return log.declarationFingerprint(); }
        @Override public void recordDeclarationFingerprint(String fingerprint) { log.recordDeclarationFingerprint(fingerprint); }
    }
}
