package org.proxyconfig.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Revision;

/** The numbered history of accepted configurations, seen from inside one transaction. */
public interface RevisionLog {

    /** The revision in force, or empty when nothing was ever stored. */
    Optional<Revision> latest();

    /**
     * Appends {@code config} with {@code routes} as revision latest + 1 (1 for the first) and
     * returns it. A writing service passes the routes it keeps: a revision is the whole state.
     */
    Revision append(ProxyConfig config, ProxyRoutes routes, Instant at, String actor);

    /** Appends a revision without routes: for stores and tests that have none to keep. */
    default Revision append(ProxyConfig config, Instant at, String actor) {
        return append(config, ProxyRoutes.NONE, at, actor);
    }

    /** The revision with that number, or empty when there is none. */
    Optional<Revision> find(long number);

    /** Up to {@code limit} revisions numbered below {@code before}, newest first. */
    List<Revision> newestFirst(long before, int limit);

    /**
     * The number of the revision in force, 0 when none: what an instance polls to learn whether
     * another one committed a change, so a store may answer it without reading the whole revision.
     */
    default long latestNumber() {
        return latest().map(Revision::number).orElse(0L);
    }

    /**
     * The fingerprint of the declarative configuration last applied to this store, or empty when
     * none was ever applied (docs/decisions/0008-postgresql-and-propagation.md).
     */
    Optional<String> declarationFingerprint();

    /** Records the fingerprint of the declarative configuration just applied, in this transaction. */
    void recordDeclarationFingerprint(String fingerprint);
}
