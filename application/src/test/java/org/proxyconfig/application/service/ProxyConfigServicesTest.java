package org.proxyconfig.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.DeclarativeConfigEnforcedException;
import org.proxyconfig.application.StaleRevisionException;
import org.proxyconfig.application.StoreUnavailableException;
import org.proxyconfig.application.port.in.CurrentProxyConfig;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyConfigDraft;
import org.proxyconfig.domain.Revision;

class ProxyConfigServicesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final InMemoryProxyConfigStore store = new InMemoryProxyConfigStore();
    private final UpdateProxyConfigService update =
            new UpdateProxyConfigService(store, Clock.fixed(NOW, ZoneOffset.UTC));
    private final GetProxyConfigService get = new GetProxyConfigService(store);

    private static ProxyConfigDraft draft(String url, String password) {
        return ProxyConfigDraft.defaults().with(ConfigField.ENABLED, true).with(ConfigField.URL, url)
                .with(ConfigField.USERNAME, "gw").with(ConfigField.PASSWORD, password)
                .with(ConfigField.ENABLE_FOR_SCIM, true).with(ConfigField.ENABLE_FOR_INFERENCE, true)
                .with(ConfigField.ENABLE_FOR_API, true);
    }

    @Test
    void getAnswersTheDefaultsAtRevisionZeroWhenNothingWasStored() {
        assertThat(get.current()).isEqualTo(new CurrentProxyConfig(0, ProxyConfig.DEFAULTS));
    }

    @Test
    void updateAppendsARevisionWithTheActorAndTheClocksTime() {
        Revision revision = update.update(new UpdateProxyConfigCommand(draft("proxy.example:3128", "pw"), "alice"));

        assertThat(revision.number()).isEqualTo(1);
        assertThat(revision.actor()).isEqualTo("alice");
        assertThat(revision.at()).isEqualTo(NOW);
        assertThat(get.current().revision()).isEqualTo(1);
        assertThat(get.current().config().url()).isEqualTo("proxy.example:3128");
    }

    @Test
    void redactedPasswordKeepsTheOneStoredForTheSameProxy() {
        update.update(new UpdateProxyConfigCommand(draft("proxy.example:3128", "first-secret"), "alice"));
        update.update(new UpdateProxyConfigCommand(draft("proxy.example:8080", "<redacted>"), "bob"));

        assertThat(get.current().config().password().reveal()).isEqualTo("first-secret");
    }

    @Test
    void redactedPasswordForANewProxyHostIsRefusedAndNothingChanges() {
        update.update(new UpdateProxyConfigCommand(draft("proxy.example:3128", "first-secret"), "alice"));
        Revision before = store.read(RevisionLog::latest).orElseThrow();

        assertThatThrownBy(() -> update.update(
                new UpdateProxyConfigCommand(draft("evil.example:3128", "<redacted>"), "mallory")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("password"));

        assertThat(store.read(RevisionLog::latest)).contains(before);
    }

    @Test
    void validateAnswersWhatUpdateWouldStoreAndStoresNothing() {
        update.update(new UpdateProxyConfigCommand(draft("proxy.example:3128", "first-secret"), "alice"));
        Revision before = store.read(RevisionLog::latest).orElseThrow();

        ProxyConfig wouldStore = update.validate(new UpdateProxyConfigCommand(draft("proxy.example:8080", "<redacted>"), "bob"));

        assertThat(wouldStore.url()).isEqualTo("proxy.example:8080");
        assertThat(wouldStore.password().reveal()).as("the stored password kept, as update would").isEqualTo("first-secret");
        assertThat(store.read(RevisionLog::latest)).contains(before);
    }

    @Test
    void validateRefusesWhatUpdateWouldRefuse() {
        update.update(new UpdateProxyConfigCommand(draft("proxy.example:3128", "first-secret"), "alice"));

        assertThatThrownBy(() -> update.validate(new UpdateProxyConfigCommand(draft("evil.example:3128", "<redacted>"), "mallory")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThatThrownBy(() -> update.validate(new UpdateProxyConfigCommand(draft("proxy.example:3128", "pw"), "bob",
                OptionalLong.of(7)))).isInstanceOf(StaleRevisionException.class);
        assertThatThrownBy(() -> new EnforcedDeclaration("seed.json").validate(
                new UpdateProxyConfigCommand(draft("proxy.example:3128", "pw"), "bob")))
                .isInstanceOf(DeclarativeConfigEnforcedException.class);
        assertThat(store.read(RevisionLog::latestNumber)).isEqualTo(1);
    }

    @Test
    void aRefusedUpdateAppendsNothing() {
        assertThatThrownBy(() -> update.update(new UpdateProxyConfigCommand(
                ProxyConfigDraft.defaults().with(ConfigField.ENABLED, true), "alice")))
                .isInstanceOf(InvalidFieldException.class);

        assertThat(store.read(RevisionLog::latest)).isEmpty();
    }

    @Test
    void aStoreFailureReachesTheCallerAsUnavailable() {
        store.breakDown();

        assertThatThrownBy(get::current).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> update.update(new UpdateProxyConfigCommand(draft("p.example:1", "x"), "a")))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
