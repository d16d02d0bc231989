package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.proxyconfig.adapters.http.json.ConfigSchemaJson;
import org.proxyconfig.adapters.http.json.HistoryView;
import org.proxyconfig.adapters.http.json.Jsons;
import org.proxyconfig.adapters.wire.ProxyConfigJson;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase.HistoryQuery;
import org.proxyconfig.application.port.in.RestoreRevisionUseCase;
import org.proxyconfig.application.port.in.RestoreRevisionUseCase.RestoreRevisionCommand;
import org.proxyconfig.application.port.in.UpdateProxyConfigCommand;
import org.proxyconfig.application.port.in.UpdateProxyConfigUseCase;
import org.proxyconfig.application.port.in.WatchProxyConfigUseCase;
import org.proxyconfig.domain.Revision;

/**
 * {@code /api/proxy-config}: GET and PUT of the configuration with its ETag, the field schema, and
 * the history with restore (docs/openapi.yaml). Authentication and roles are checked before these run.
 */
public final class ProxyConfigRoutes implements HttpService {

    public static final String PATH = "/api/proxy-config";

    static final int DEFAULT_PAGE_SIZE = 20;

    private static final String UPDATED =
            "{\"status\":\"success\",\"message\":\"proxy configuration updated successfully\"}";

    private static final byte[] SCHEMA = ConfigSchemaJson.write().getBytes(StandardCharsets.UTF_8);

    /**
     * The main object, its password redacted on the way out. {@code ?dry_run=true} on the PUT checks
     * the body exactly as a real PUT would (same rules, same {@code If-Match} check) and answers what
     * would be stored or the same error; nothing is stored, no revision is taken and nothing is audited.
     */
    private final RevisionedResource<UpdateProxyConfigCommand> config;
    private final ProxyConfigHistoryUseCase history;
    private final RestoreRevisionUseCase restoreRevision;

    public ProxyConfigRoutes(GetProxyConfigUseCase getProxyConfig, UpdateProxyConfigUseCase updateProxyConfig,
                             ProxyConfigHistoryUseCase history, RestoreRevisionUseCase restoreRevision,
                             WatchProxyConfigUseCase watch) {
        this.config = new RevisionedResource<>(getProxyConfig, watch, current -> ProxyConfigJson.write(current.config()),
                new RevisionPut<>(
                        (body, actor, expected) -> new UpdateProxyConfigCommand(ProxyConfigJson.readDraft(body), actor, expected),
                        command -> ProxyConfigJson.write(updateProxyConfig.validate(command)), updateProxyConfig::update,
                        UPDATED));
        this.history = history;
        this.restoreRevision = restoreRevision;
    }

    @Override
    public void routing(HttpRules rules) {
        config.routing(rules);
        rules.get("/schema", this::schema)
                .route(Responses.otherMethodsRefused("/schema", Method.GET))
                .get("/history", this::history)
                .route(Responses.otherMethodsRefused("/history", Method.GET))
                .post("/history/{revision}/restore", this::restore)
                .route(Responses.otherMethodsRefused(PathMatchers.create("/history/{revision}/restore"), Method.POST));
    }

    private void schema(ServerRequest req, ServerResponse res) {
        Responses.json(res, 200, SCHEMA);
    }

    private void history(ServerRequest req, ServerResponse res) {
        var query = req.query();
        int limit = query.first("limit").map(v -> positive("limit", v, ProxyConfigHistoryUseCase.MAX_PAGE_SIZE))
                .map(Math::toIntExact).orElse(DEFAULT_PAGE_SIZE);
        OptionalLong before = query.first("before").map(v -> OptionalLong.of(positive("before", v, Long.MAX_VALUE)))
                .orElse(OptionalLong.empty());
        Responses.json(res, 200, Jsons.JSONB.toJson(HistoryView.of(history.history(new HistoryQuery(before, limit)))));
    }

    private void restore(ServerRequest req, ServerResponse res) {
        long number = positive("revision", req.path().pathParameters().get("revision"), Long.MAX_VALUE);
        Revision restored = restoreRevision.restore(
                new RestoreRevisionCommand(number, Actors.of(req), EntityTags.expectedRevision(req)));
        res.header(HeaderNames.ETAG, EntityTags.of(restored.number()));
        Responses.json(res, 200, "{\"status\":\"success\",\"message\":\"revision " + number
                + " restored as revision " + restored.number() + "\",\"revision\":" + restored.number() + "}");
    }

    private static long positive(String name, String value, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= 1 && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw HttpProblem.badParameter(name, "must be a whole number from 1 to " + max);
    }
}
