package org.proxyconfig.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.Revision;

/** The numbered history of accepted configurations, seen from inside one transaction. */
public interface RevisionLog {

    /** The revision in force, or empty when nothing was ever stored. */
    Optional<Revision> latest();

    /** Appends {@code config} as revision latest + 1 (1 for the first) and returns it. */
    Revision append(ProxyConfig config, Instant at, String actor);

    /** The revision with that number, or empty when there is none. */
    Optional<Revision> find(long number);

    /** Up to {@code limit} revisions numbered below {@code before}, newest first. */
    List<Revision> newestFirst(long before, int limit);
}
