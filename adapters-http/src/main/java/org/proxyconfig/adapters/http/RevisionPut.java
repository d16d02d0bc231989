package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.OptionalLong;
import java.util.function.Function;
import org.proxyconfig.domain.Revision;

/**
 * What a PUT of a whole resource (the main configuration, the routes) does, in this order: reads
 * {@code If-Match} and {@code ?dry_run}, then the body into the use case's command; a dry run
 * answers what would be stored and stores nothing; otherwise the write is a new revision, named
 * by the answer's ETag.
 *
 * @param <C> the use case's command
 */
record RevisionPut<C>(Command<C> command, Function<C, String> dryRun, Function<C, Revision> write, String updated) {

    /** The use case's command from the body, who sends it, and the revision it expects. */
    @FunctionalInterface
    interface Command<C> {
        C of(byte[] body, String actor, OptionalLong expected);
    }

    void handle(ServerRequest req, ServerResponse res) {
        OptionalLong expected = EntityTags.expectedRevision(req);
        boolean dry = flag(req, "dry_run");
        C c = command.of(JsonBodies.read(req), Actors.of(req), expected);
        if (dry) {
            Responses.json(res, 200, dryRun.apply(c));
            return;
        }
        Revision revision = write.apply(c);
        res.header(HeaderNames.ETAG, EntityTags.of(revision.number()));
        Responses.json(res, 200, updated);
    }

    /** A query flag, {@code true} or {@code false}, false when absent; anything else is a 400. */
    private static boolean flag(ServerRequest req, String name) {
        return switch (req.query().first(name).orElse("false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpProblem.badParameter(name, "must be true or false");
        };
    }
}
