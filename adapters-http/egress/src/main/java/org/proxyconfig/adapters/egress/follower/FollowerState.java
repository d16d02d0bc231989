package org.proxyconfig.adapters.egress.follower;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ConfigFollower} knows, at one moment: the revision it routes with and where that
 * came from, when the server last answered usefully, and what went wrong last. Immutable; a new
 * one is made on every change. No field ever holds the token or the proxy password.
 *
 * @param revision            the revision in force, {@link #NO_REVISION} while none is known
 * @param source              where that revision came from
 * @param lastContact         the last usable answer from the server (a 200 taken or a 304)
 * @param lastError           the most recent problem (contact, bad answer or cache), kept after a recovery for diagnosis
 * @param consecutiveFailures failed contacts since the last usable answer; 0 when the last contact worked
 * @param failingSince        when the current run of failures began; empty when the last contact worked
 */
public record FollowerState(long revision, Source source, Optional<Instant> lastContact, Optional<Problem> lastError,
                            int consecutiveFailures, Optional<Instant> failingSince) {

    /** The revision of a follower that knows no configuration yet. */
    public static final long NO_REVISION = -1;

    /** Where the configuration in force came from. */
    public enum Source {
        /** Nothing is known yet: {@link ConfigFollower#get()} fails closed. */
        NONE,
        /** The local cache file, not (yet) confirmed by the server. */
        CACHE,
        /** The server: a 200 taken, or a 304 confirming the revision held. */
        SERVER
    }

    /** A problem and when it was seen; the message names the HTTP status or the cause, never a secret. */
    public record Problem(String message, Instant at) {
        public Problem {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(at, "at");
        }
    }

    public FollowerState {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lastContact, "lastContact");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(failingSince, "failingSince");
    }

    static final FollowerState INITIAL = new FollowerState(NO_REVISION, Source.NONE, Optional.empty(), Optional.empty(),
            0, Optional.empty());

    /** True when a configuration is known and the last contact with the server worked. */
    public boolean healthy() {
        return revision != NO_REVISION && lastContact.isPresent() && consecutiveFailures == 0;
    }

    FollowerState withConfiguration(long newRevision, Source newSource) {
        return new FollowerState(newRevision, newSource, lastContact, lastError, consecutiveFailures, failingSince);
    }

    FollowerState withContact(Instant at) {
        return new FollowerState(revision, source, Optional.of(at), lastError, 0, Optional.empty());
    }

    FollowerState withFailure(String message, Instant at) {
        return new FollowerState(revision, source, lastContact, Optional.of(new Problem(message, at)),
                consecutiveFailures + 1, failingSince.isPresent() ? failingSince : Optional.of(at));
    }

    /** A problem that is not a failed contact (the cache could not be read or written). */
    FollowerState withProblem(String message, Instant at) {
        return new FollowerState(revision, source, lastContact, Optional.of(new Problem(message, at)),
                consecutiveFailures, failingSince);
    }
}
