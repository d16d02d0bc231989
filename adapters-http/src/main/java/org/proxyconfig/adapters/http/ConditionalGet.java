package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.proxyconfig.application.port.in.CurrentProxyConfig;
import org.proxyconfig.application.port.in.WatchProxyConfigUseCase;

/**
 * A GET of the configuration that may be conditional and may wait (docs/openapi.yaml, "watch"):
 * with {@code If-None-Match} naming the current revision the answer is 304; with {@code ?wait=s}
 * as well, the request is first held until a newer revision is in force on this instance, then
 * answered at once with it, or with 304 when the wait is over. Helidon runs each request on a
 * virtual thread, so a held request holds no platform thread.
 *
 * <p>A request with {@code If-None-Match} is answered from the revision in force on this instance
 * (memory), as the wait is: a client that keeps a copy asks whether it is still what this instance
 * routes by, and a thousand watchers woken by one change cost no thousand store reads. A request
 * without it reads what the route reads (for {@code GET /api/proxy-config}, the store: as fresh as
 * the store, or 503 when it is down).
 */
final class ConditionalGet {

    static final int MAX_WAIT_SECONDS = 300;

    private final WatchProxyConfigUseCase watch;

    ConditionalGet(WatchProxyConfigUseCase watch) {
        this.watch = watch;
    }

    /** What to answer: {@code current}, whole or as 304 when the client's copy is {@code current}. */
    record Answer(CurrentProxyConfig current, boolean notModified) {

        /** Sends 304 with the tag, or hands the configuration to {@code full} to send with its body. */
        void send(ServerResponse res, Consumer<CurrentProxyConfig> full) {
            if (notModified) {
                res.status(Status.NOT_MODIFIED_304).header(HeaderNames.ETAG, EntityTags.of(current.revision())).send();
            } else {
                res.header(HeaderNames.ETAG, EntityTags.of(current.revision()));
                full.accept(current);
            }
        }
    }

    /** @param unconditional what a request without {@code If-None-Match} is answered from */
    Answer answer(ServerRequest req, Supplier<CurrentProxyConfig> unconditional) {
        Optional<Duration> wait = waitOf(req); // checked even when it will not be used: a typo is a 400 at once
        if (!EntityTags.hasIfNoneMatch(req)) return new Answer(unconditional.get(), false);
        CurrentProxyConfig now = watch.current();
        if (!EntityTags.noneMatchNames(req, now.revision())) return new Answer(now, false);
        if (wait.isEmpty() || !newerComes(now.revision(), wait.get())) return new Answer(now, true);
        CurrentProxyConfig newer = watch.current();
        return new Answer(newer, EntityTags.noneMatchNames(req, newer.revision()));
    }

    private boolean newerComes(long revision, Duration wait) {
        try {
            return watch.awaitNewerThan(revision, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping: answer what the client has
            return false;
        }
    }

    private static Optional<Duration> waitOf(ServerRequest req) {
        return req.query().first("wait").map(value -> {
            try {
                int seconds = Integer.parseInt(value);
                if (seconds >= 1 && seconds <= MAX_WAIT_SECONDS) return Duration.ofSeconds(seconds);
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw HttpProblem.badParameter("wait", "must be a whole number of seconds from 1 to " + MAX_WAIT_SECONDS);
        });
    }
}
