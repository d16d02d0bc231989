package org.proxyconfig.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.ProbeResult;
import org.proxyconfig.application.port.in.DryRunCommand;
import org.proxyconfig.application.port.in.DryRunResult;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.application.port.out.TargetProber;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.InvalidTargetException;
import org.proxyconfig.domain.ProxyConfigDraft;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

class DryRunServiceTest {

    private static final String SECRET = "stored-S3cret";

    private final InMemoryProxyConfigStore store = new InMemoryProxyConfigStore();
    private final List<ProxyRouter> probedWith = new ArrayList<>();
    private ProbeResult nextOutcome = new ProbeResult.Reached(204, 7);
    private final TargetProber prober = (router, purpose, target) -> {
        probedWith.add(router);
        return nextOutcome;
    };
    private final DryRunService service = new DryRunService(store, prober);

    @BeforeEach
    void storeAProxyForInference() {
        new UpdateProxyConfigService(store, Clock.systemUTC()).update(new UpdateProxyConfigCommand(
                draft("http://proxy.corp.example:3128", SECRET), "test"));
    }

    @Test
    void withoutADraftTheStoredConfigurationDecides() {
        DryRunResult result = service.dryRun(command("https://api.openai.com/v1", Optional.empty(), false));

        assertThat(result.decision().route()).isEqualTo(RouteDecision.Route.PROXY);
        assertThat(result.proxyUrl()).isEqualTo("http://proxy.corp.example:3128");
        assertThat(result.probe()).isEmpty();
        assertThat(probedWith).isEmpty();
    }

    @Test
    void aDraftDecidesAndNothingIsSaved() {
        long before = revision();

        DryRunResult result = service.dryRun(command("https://idp.internal.example/", Optional.of(
                ProxyConfigDraft.defaults().with(ConfigField.ENABLED, true).with(ConfigField.URL, "http://proxy.corp.example:3128").with(ConfigField.USERNAME, "gw").with(ConfigField.PASSWORD, "<redacted>").with(ConfigField.NO_PROXY, ".internal.example").with(ConfigField.ENABLE_FOR_INFERENCE, true)), false));

        assertThat(result.decision().decidedBy()).isEqualTo(RouteDecision.DecidedBy.NO_PROXY_ENTRY);
        assertThat(result.decision().describe()).isEqualTo("no_proxy entry '.internal.example'");
        assertThat(result.proxyUrl()).isEmpty();
        assertThat(revision()).isEqualTo(before);
    }

    @Test
    void aProbeRunsUnderTheResolvedDraftWithTheStoredPasswordKept() {
        nextOutcome = new ProbeResult.Failed(EgressFailure.PROXY_AUTH_REQUIRED, "the proxy answered 407", 3);

        DryRunResult result = service.dryRun(command("https://api.openai.com/", Optional.of(
                draft("http://proxy.corp.example:8080", "<redacted>")), true));

        assertThat(probedWith).hasSize(1);
        assertThat(probedWith.getFirst().config().url()).isEqualTo("http://proxy.corp.example:8080");
        assertThat(probedWith.getFirst().config().password().reveal()).isEqualTo(SECRET);
        assertThat(result.probe()).contains(new ProbeResult.Failed(EgressFailure.PROXY_AUTH_REQUIRED,
                "the proxy answered 407", 3));
    }

    @Test
    void keepingTheStoredPasswordForAnotherHostIsRefusedBeforeAnyProbe() {
        assertThatThrownBy(() -> service.dryRun(command("https://api.openai.com/", Optional.of(
                draft("http://attacker.example:3128", "<redacted>")), true)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThat(probedWith).isEmpty();
    }

    @Test
    void aReachedProbeReportsStatusAndLatency() {
        DryRunResult result = service.dryRun(command("http://api.example.com/", Optional.empty(), true));

        assertThat(result.probe()).contains(new ProbeResult.Reached(204, 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://a.example/", "/relative", "mailto:a@b.example", "https://user:pw@a.example/",
            "https:///nohost", "http://a.example:0/"})
    void aTargetThatIsNotAnAbsoluteHttpUrlIsRefusedNamingTarget(String target) {
        assertThatThrownBy(() -> command(target, Optional.empty(), false))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("target"));
    }

    @Test
    void aHostTheRouterCannotParseIsAnInvalidTarget() {
        assertThatThrownBy(() -> service.dryRun(command("http://" + "a".repeat(64) + ".example/", Optional.empty(), true)))
                .isInstanceOf(InvalidTargetException.class);
        assertThat(probedWith).isEmpty();
    }

    @Test
    void anUnknownPurposeNamesThePurposeField() {
        assertThatThrownBy(() -> Purpose.fromWire("telemetry"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("purpose"));
    }

    private static DryRunCommand command(String target, Optional<ProxyConfigDraft> draft, boolean probe) {
        return new DryRunCommand(URI.create(target), Purpose.INFERENCE, draft, probe);
    }

    private static ProxyConfigDraft draft(String url, String password) {
        return ProxyConfigDraft.defaults().with(ConfigField.ENABLED, true).with(ConfigField.URL, url).with(ConfigField.USERNAME, "gw").with(ConfigField.PASSWORD, password).with(ConfigField.ENABLE_FOR_INFERENCE, true);
    }

    private long revision() {
        return store.read(log -> log.latest().map(r -> r.number()).orElse(0L));
    }
}
