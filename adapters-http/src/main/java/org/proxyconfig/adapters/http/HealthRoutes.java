package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import org.proxyconfig.application.port.in.CheckHealthUseCase;
import org.proxyconfig.application.port.in.CheckHealthUseCase.HealthReport;

/**
 * {@code GET /health}: open to all. {@code {"status":"ok","revision":N}}, or, when the store cannot
 * be reached, {@code {"status":"degraded","reason":"…","revision":N}} — still 200, on purpose
 * (docs/decisions/0008-postgresql-and-propagation.md): the instance keeps routing outbound traffic
 * with revision N from memory, and a shared database blip must not make a load balancer take every
 * instance out at once. It shows nothing of the configuration but the revision number.
 */
public final class HealthRoutes extends OneMethodService {

    public static final String PATH = "/health";

    public HealthRoutes(CheckHealthUseCase health) {
        super(Method.GET, (req, res) -> send(health.check(), res));
    }

    private static void send(HealthReport report, ServerResponse res) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("status", report.degraded() ? "degraded" : "ok");
        report.reason().ifPresent(reason -> body.add("reason", reason));
        body.add("revision", report.revision());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Responses.json(res, 200, body.build().toString());
    }
}
