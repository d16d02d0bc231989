package org.proxyconfig.adapters.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.UUID;
import org.proxyconfig.adapters.http.json.BifrostErrorBody;
import org.proxyconfig.adapters.http.security.AccessRefusedException;
import org.proxyconfig.adapters.http.json.Jsons;
import org.proxyconfig.adapters.wire.MalformedBodyException;
import org.proxyconfig.application.DeclarativeConfigEnforcedException;
import org.proxyconfig.application.RevisionNotFoundException;
import org.proxyconfig.application.StaleRevisionException;
import org.proxyconfig.application.StoreFaultException;
import org.proxyconfig.application.StoreUnavailableException;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyConfigError;

/**
 * The one place where a failure becomes a status and a BifrostError body (docs/openapi.yaml, Error). Each error
 * gets an event id that is both in the body and in the log line, so an operator can find one
 * from the other. Rejections log at INFO without a stack; unexpected failures log the stack at
 * ERROR and answer a body with no internals. No message here ever holds a secret: domain reasons
 * never quote the password, and unexpected exceptions are not echoed to the client.
 */
public final class ErrorResponses {

    private static final System.Logger LOG = System.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    /** Registers the mapping on a routing; call once, after the routes. */
    public static void register(HttpRouting.Builder routing) {
        routing.error(HttpProblem.class, (req, res, e) -> {
                    e.headers().forEach((name, values) -> res.header(name, values.toArray(String[]::new)));
                    send(req, res, e.status(), e.code(), e.getMessage(), e.param().orElse(null));
                })
                .error(AccessRefusedException.class, (req, res, e) -> {
                    e.headers().forEach((name, values) -> res.header(name, values.toArray(String[]::new)));
                    send(req, res, e.status(), e.code(), e.getMessage(), null);
                })
                .error(StaleRevisionException.class, (req, res, e) ->
                        send(req, res, 412, "precondition_failed", e.getMessage(), null))
                .error(DeclarativeConfigEnforcedException.class, (req, res, e) ->
                        send(req, res, 409, "declarative_config_enforced", e.getMessage(), null))
                .error(RevisionNotFoundException.class, (req, res, e) ->
                        send(req, res, 404, "revision_not_found", e.getMessage(), "revision"))
                .error(MalformedBodyException.class, (req, res, e) ->
                        send(req, res, 400, e.code(), e.getMessage(), e.param().orElse(null)))
                .error(InvalidFieldException.class, (req, res, e) ->
                        send(req, res, 400, e.code(), e.getMessage(), e.field()))
                .error(ProxyConfigError.class, (req, res, e) -> send(req, res, 400, e.code(), e.getMessage(), null))
                .error(StoreUnavailableException.class, (req, res, e) -> {
                    String id = newEventId();
                    LOG.log(Level.ERROR, "event_id=" + id + " store unavailable: " + e.getMessage(), e);
                    write(res, id, 503, "service_unavailable", "the configuration store is unavailable; retry later", null);
                })
                .error(StoreFaultException.class, (req, res, e) -> {
                    // Retrying cannot help: the log line says what is wrong and what the operator should do.
                    String id = newEventId();
                    LOG.log(Level.ERROR, "event_id=" + id + " store fault: " + e.getMessage(), e);
                    write(res, id, 500, "store_fault", "the configuration store cannot serve this request and a retry"
                            + " will not help; an operator must act: see the server log for event_id " + id, null);
                })
                .error(Exception.class, (req, res, e) -> {
                    String id = newEventId();
                    LOG.log(Level.ERROR, "event_id=" + id + " unexpected failure on "
                            + req.prologue().method().text() + " " + req.path().absolute().path(), e);
                    write(res, id, 500, "internal_error", "an unexpected error occurred; see the server log for event_id " + id, null);
                });
    }

    /** Answers a refusal and logs it (method, path, status, code; the message holds no secret). */
    private static void send(ServerRequest req, ServerResponse res, int status, String code, String message, String param) {
        String id = newEventId();
        LOG.log(Level.INFO, "event_id=" + id + " " + req.prologue().method().text() + " " + req.path().absolute().path()
                + " -> " + status + " " + code + ": " + message);
        write(res, id, status, code, message, param);
    }

    /** The BifrostError body; its type follows from the status: a refusal, or the server's fault. */
    private static void write(ServerResponse res, String id, int status, String code, String message, String param) {
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        Responses.json(res, status, Jsons.JSONB.toJson(BifrostErrorBody.of(id, status, type, code, message, param)));
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
