package org.proxyconfig.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.DeclarativeConfigEnforcedException;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.port.in.Declaration;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyConfigDraft;

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
