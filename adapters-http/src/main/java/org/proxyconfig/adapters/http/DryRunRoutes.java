package org.proxyconfig.adapters.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import org.proxyconfig.adapters.http.json.DryRunJson;
import org.proxyconfig.application.port.in.DryRunCommand;
import org.proxyconfig.application.port.in.DryRunResult;
import org.proxyconfig.application.port.in.DryRunUseCase;

/** {@code POST /api/proxy-config/test}: the dry run (docs/openapi.yaml). Saves nothing. */
public final class DryRunRoutes extends OneMethodService {

    public static final String PATH = "/api/proxy-config/test";

    private static final System.Logger LOG = System.getLogger(DryRunRoutes.class.getName());

    public DryRunRoutes(DryRunUseCase dryRun) {
        super(Method.POST, (req, res) -> post(dryRun, req, res));
    }

    private static void post(DryRunUseCase dryRun, ServerRequest req, ServerResponse res) {
        DryRunCommand command = DryRunJson.readCommand(JsonBodies.read(req));
        DryRunResult result = dryRun.dryRun(command);
        // The target and the route only: a draft may hold a password.
        LOG.log(Level.INFO, "dry run: purpose=" + command.purpose().wireName() + " route="
                + result.decision().route() + " draft=" + command.draft().isPresent() + " probe=" + command.probe()
                + result.probe().map(p -> " probe_result=" + p.getClass().getSimpleName()).orElse(""));
        Responses.json(res, 200, DryRunJson.write(result));
    }
}
