package org.proxyconfig.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.RevisionNotFoundException;
import org.proxyconfig.application.StaleRevisionException;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase.HistoryEntry;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase.HistoryPage;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase.HistoryQuery;
import org.proxyconfig.application.port.in.RestoreRevisionUseCase.RestoreRevisionCommand;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.ProxyConfigDraft;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.Revision;
import org.proxyconfig.domain.RouteDecision;

class HistoryAndRestoreTest {

    private final InMemoryProxyConfigStore store = new InMemoryProxyConfigStore();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private final ActiveProxyConfig active = new ActiveProxyConfig(new GetProxyConfigService(store));
    private final UpdateProxyConfigService update = new UpdateProxyConfigService(store, clock, active);
    private final RestoreRevisionService restore = new RestoreRevisionService(store, clock, active);
    private final ProxyConfigHistoryService history = new ProxyConfigHistoryService(store);

    private static ProxyConfigDraft draft(String url, String password, int timeout) {
        return ProxyConfigDraft.defaults().with(ConfigField.ENABLED, true).with(ConfigField.URL, url).with(ConfigField.USERNAME, "gw").with(ConfigField.PASSWORD, password).with(ConfigField.TIMEOUT, (long) timeout).with(ConfigField.ENABLE_FOR_SCIM, true).with(ConfigField.ENABLE_FOR_INFERENCE, true).with(ConfigField.ENABLE_FOR_API, true);
    }

    private Revision put(String url, String password, int timeout, String actor) {
        return update.update(new UpdateProxyConfigCommand(draft(url, password, timeout), actor));
    }

    @Test
    void aStaleExpectedRevisionIsRefusedAndChangesNothing() {
        put("a.example:1", "pw", 0, "alice");
        put("a.example:1", "pw", 5, "bob");

        assertThatThrownBy(() -> update.update(new UpdateProxyConfigCommand(
                draft("a.example:1", "pw", 9), "carol", OptionalLong.of(1))))
                .isInstanceOfSatisfying(StaleRevisionException.class, e -> {
                    assertThat(e.expected()).isEqualTo(1);
                    assertThat(e.current()).isEqualTo(2);
                });
        assertThat(store.read(RevisionLog::latest).orElseThrow().number()).isEqualTo(2);

        Revision ok = update.update(new UpdateProxyConfigCommand(draft("a.example:1", "pw", 9), "carol", OptionalLong.of(2)));
        assertThat(ok.number()).isEqualTo(3);
    }

    @Test
    void historyListsRevisionsNewestFirstWithWhatEachChanged() {
        put("a.example:1", "pw", 0, "alice");
        put("a.example:1", "pw", 5, "bob");
        put("b.example:1", "pw2", 5, "carol");

        HistoryPage page = history.history(new HistoryQuery(OptionalLong.empty(), 10));

        assertThat(page.entries()).extracting(e -> e.revision().number()).containsExactly(3L, 2L, 1L);
        assertThat(page.entries()).extracting(e -> e.revision().actor()).containsExactly("carol", "bob", "alice");
        assertThat(page.entries()).extracting(HistoryEntry::changedFields).containsExactly(
                java.util.List.of("url", "password"),
                java.util.List.of("timeout"),
                java.util.List.of("enabled", "url", "username", "password", "enable_for_scim",
                        "enable_for_inference", "enable_for_api"));
        assertThat(page.next()).isEmpty();
    }

    @Test
    void historyPagesWithACursorAndTheOldestEntryOfAPageStillKnowsItsChanges() {
        for (int t = 1; t <= 5; t++) put("a.example:1", "pw", t, "alice");

        HistoryPage first = history.history(new HistoryQuery(OptionalLong.empty(), 2));
        assertThat(first.entries()).extracting(e -> e.revision().number()).containsExactly(5L, 4L);
        assertThat(first.entries().get(1).changedFields()).containsExactly("timeout");
        assertThat(first.next()).hasValue(4);

        HistoryPage last = history.history(new HistoryQuery(first.next(), 3));
        assertThat(last.entries()).extracting(e -> e.revision().number()).containsExactly(3L, 2L, 1L);
        assertThat(last.next()).isEmpty();
    }

    @Test
    void restoreMakesAnEarlierRevisionCurrentAsANewRevisionWithItsPassword() {
        put("a.example:1", "first-password", 0, "alice");
        put("b.example:2", "second-password", 0, "bob");

        Revision restored = restore.restore(new RestoreRevisionCommand(1, "carol", OptionalLong.empty()));

        assertThat(restored.number()).isEqualTo(3);
        assertThat(restored.actor()).isEqualTo("carol");
        assertThat(restored.config().url()).isEqualTo("a.example:1");
        assertThat(restored.config().password().reveal()).isEqualTo("first-password");
        assertThat(store.read(RevisionLog::latest)).contains(restored);
    }

    @Test
    void restoringAnUnknownRevisionIsNotFoundAndChangesNothing() {
        put("a.example:1", "pw", 0, "alice");

        assertThatThrownBy(() -> restore.restore(new RestoreRevisionCommand(7, "carol", OptionalLong.empty())))
                .isInstanceOf(RevisionNotFoundException.class);
        assertThatThrownBy(() -> restore.restore(new RestoreRevisionCommand(1, "carol", OptionalLong.of(0))))
                .isInstanceOf(StaleRevisionException.class);
        assertThat(store.read(RevisionLog::latest).orElseThrow().number()).isEqualTo(1);
    }

    @Test
    void theActiveRoutingFollowsEveryCommittedChangeAtOnce() {
        assertThat(active.get().decide(Purpose.API, "api.example", 443).route()).isEqualTo(RouteDecision.Route.DIRECT);

        put("a.example:3128", "pw", 0, "alice");
        RouteDecision proxied = active.get().decide(Purpose.API, "api.example", 443);
        assertThat(proxied.route()).isEqualTo(RouteDecision.Route.PROXY);
        assertThat(proxied.proxy().orElseThrow().host()).isEqualTo("a.example");

        put("b.example:3128", "pw", 0, "bob");
        assertThat(active.get().decide(Purpose.API, "api.example", 443).proxy().orElseThrow().host()).isEqualTo("b.example");

        restore.restore(new RestoreRevisionCommand(1, "carol", OptionalLong.empty()));
        assertThat(active.get().decide(Purpose.API, "api.example", 443).proxy().orElseThrow().host()).isEqualTo("a.example");
        assertThat(active.revision()).isEqualTo(3);
    }

    @Test
    void theActiveRoutingNeverGoesBackToAnOlderRevision() {
        Revision one = put("a.example:1", "pw", 0, "alice");
        put("b.example:1", "pw", 0, "bob");

        active.revisionCommitted(one); // a late report from a slower writer

        assertThat(active.revision()).isEqualTo(2);
        assertThat(active.get().config().url()).isEqualTo("b.example:1");
    }

    @Test
    void everyAcceptedChangeWritesAnAuditLineWithFieldNamesAndNoSecret() {
        AuditLines lines = AuditLines.capture();
        try (lines) {
            put("a.example:1", "audit-secret-1", 0, "alice");
            put("a.example:1", "audit-secret-2", 0, "bob");
            restore.restore(new RestoreRevisionCommand(1, "carol", OptionalLong.empty()));
        }

        assertThat(lines.text())
                .contains("update revision=1 actor=alice changed=[enabled, url, username, password,")
                .contains("update revision=2 actor=bob changed=[password]")
                .contains("restore of revision 1 as revision=3 actor=carol changed=[password]")
                .doesNotContain("audit-secret");
    }
}
