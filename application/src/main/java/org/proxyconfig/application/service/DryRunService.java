package org.proxyconfig.application.service;

import java.util.Optional;
import org.proxyconfig.application.ProbeResult;
import org.proxyconfig.application.port.in.DryRunCommand;
import org.proxyconfig.application.port.in.DryRunResult;
import org.proxyconfig.application.port.in.DryRunUseCase;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.port.out.TargetProber;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.RouteDecision;

/**
 * Decides, and optionally probes, under a draft or the stored configuration, saving nothing.
 * A draft is resolved against the stored configuration exactly as an update would be, so
 * {@code "<redacted>"} keeps the stored password and the exfiltration guard refuses keeping it
 * for another proxy host: a dry run can never send the stored secret somewhere a PUT could not.
 */
public final class DryRunService implements DryRunUseCase {

    private final ProxyConfigStore store;
    private final TargetProber prober;

    public DryRunService(ProxyConfigStore store, TargetProber prober) {
        this.store = store;
        this.prober = prober;
    }

    @Override
    public DryRunResult dryRun(DryRunCommand command) {
        LatestRevision stored = store.read(LatestRevision::read);
        ProxyConfig config = command.draft().map(draft -> draft.resolveAgainst(stored.config())).orElse(stored.config());
        // A draft is a main object only: the stored routes stay in front of it, as a PUT would keep them.
        ProxyRouter router = ProxyRouter.compile(config, stored.routes());
        RouteDecision decision = router.decide(command.purpose(), command.target().getHost(), command.targetPort());
        if (!command.probe()) {
            return new DryRunResult(decision, Optional.empty());
        }
        ProbeResult probe = prober.probe(router, command.purpose(), command.target());
        return new DryRunResult(decision, Optional.of(probe));
    }
}
