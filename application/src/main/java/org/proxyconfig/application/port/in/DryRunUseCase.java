package org.proxyconfig.application.port.in;

/** Check, before saving, where a request would go (docs/openapi.yaml, POST /api/proxy-config/test). Saves nothing. */
public interface DryRunUseCase {

    /**
     * @throws org.proxyconfig.domain.ProxyConfigError when the draft breaks a rule (the same
     *         rejections as an update) or the target cannot be routed
     * @throws org.proxyconfig.application.StoreUnavailableException when the store fails
     */
    DryRunResult dryRun(DryRunCommand command);
}
