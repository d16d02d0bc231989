package org.proxyconfig.adapters.egress.follower;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The follower's one background job: poll, take what is good, keep what was good otherwise, and
 * back off after every failure. It never gives up and never routes with less than it had: a failed
 * contact or a bad answer leaves the configuration in force as it was.
 */
final class PollLoop implements Runnable {

    /**
     * After a 304 (or a 200 of the revision held) that came back well before the wait ended, the
     * server is not holding requests (a proxy in between cutting them, a server without long
     * polling): without this pause the loop would ask again at once, without end.
     */
    static final Duration EARLY_ANSWER_PAUSE = Duration.ofSeconds(1);

    private final EffectiveClient client;
    private final CurrentConfig current;
    private final Optional<LastGoodCache> cache;
    private final Backoff backoff;
    private final Duration wait;
    private final CountDownLatch stop;
    /** Reported once per spell of a server behind, not once a second while it catches up. */
    private boolean behind;

    PollLoop(EffectiveClient client, CurrentConfig current, Optional<LastGoodCache> cache, Backoff backoff,
             Duration wait, CountDownLatch stop) {
        this.client = client;
        this.current = current;
        this.cache = cache;
        this.backoff = backoff;
        this.wait = wait;
        this.stop = stop;
    }

    @Override
    public void run() {
        try {
            while (stop.getCount() > 0) {
                FollowerState state = current.state();
                // Held only once the server has confirmed the revision and the last contact worked: a revision from
                // the cache, or a contact just restored, is checked at once, so the state says so as soon as it is so.
                Duration hold = state.source() == FollowerState.Source.SERVER && state.consecutiveFailures() == 0
                        ? wait : Duration.ZERO;
                long started = System.nanoTime();
                Duration pause = switch (step(hold)) {
                    case CHANGED -> Duration.ZERO;
                    case UNCHANGED -> System.nanoTime() - started < hold.toNanos() / 2 ? EARLY_ANSWER_PAUSE : Duration.ZERO;
                    case BEHIND -> EARLY_ANSWER_PAUSE;
                    case FAILED -> backoff.next();
                };
                if (!pause.isZero() && stop.await(pause.toNanos(), TimeUnit.NANOSECONDS)) return;
            }
        } catch (InterruptedException closing) {
            // close() interrupts a request in flight; the thread ends here.
        }
    }

    private enum Outcome { CHANGED, UNCHANGED, BEHIND, FAILED }

    /** One poll and what follows from it. */
    private Outcome step(Duration hold) throws InterruptedException {
        long held = current.revision();
        Answer answer;
        try {
            answer = client.poll(held, hold);
        } catch (RuntimeException bug) {
            // Anything unforeseen is a failed contact, retried: the loop must outlive it.
            answer = new Answer.Failed("unexpected " + bug.getClass().getSimpleName() + " while polling");
        }
        // close() shuts the client down, which fails the request in flight: that is no lost contact to report.
        if (stop.getCount() == 0) throw new InterruptedException("closing");
        return switch (answer) {
            case Answer.Configuration c when c.revision() < held -> behind(c.revision(), held);
            case Answer.Configuration c when c.revision() == held -> unchanged();
            case Answer.Configuration c -> {
                // The contact first: whoever awaits the first configuration then sees it with its contact.
                succeeded();
                current.adopt(c.revision(), c.config(), c.routes(), FollowerState.Source.SERVER);
                keep(c);
                yield Outcome.CHANGED;
            }
            case Answer.NotModified n when held == FollowerState.NO_REVISION ->
                    failed("bad answer: 304 to a request that named no revision");
            case Answer.NotModified n -> unchanged();
            case Answer.Failed f -> failed(f.reason());
        };
    }

    /** The server confirmed the revision held, whether it came from the cache or from the server. */
    private Outcome unchanged() {
        current.confirmed();
        succeeded();
        return Outcome.UNCHANGED;
    }

    /**
     * The server answered, with an older revision than the one held: an instance that has not yet
     * caught up (behind a load balancer, a replica a moment late), not a lost contact. The newer
     * revision stays in force and the server is asked again shortly, without backing off.
     */
    private Outcome behind(long answered, long held) {
        boolean reported = behind;
        succeeded();
        if (!reported) {
            current.problem("the server is behind: it answered revision " + answered + ", older than revision " + held
                    + " held, which stays in force");
        }
        behind = true;
        return Outcome.BEHIND;
    }

    private void succeeded() {
        behind = false;
        current.contactSucceeded();
        backoff.reset();
    }

    private Outcome failed(String reason) {
        current.contactFailed(reason);
        return Outcome.FAILED;
    }

    private void keep(Answer.Configuration c) {
        cache.ifPresent(file -> {
            try {
                file.store(c.revision(), c.config(), c.routes());
            } catch (LastGoodCache.CacheProblem e) {
                current.problem(e.getMessage());
            }
        });
    }
}
