package org.proxyconfig.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.proxyconfig.domain.ProxyConfigDraft;
import org.proxyconfig.domain.ProxyRoutesDraft;

/**
 * A proxy configuration declared by the operator at start-up (a file, or application.yaml), with
 * its environment references already resolved.
 *
 * @param mode        how it relates to changes made through the API
 * @param source      where it came from, for the history's actor and for messages (a file name, never a value)
 * @param draft       the main configuration; the password is never the "keep" marker
 * @param routes      the per-target routes, when the declaration has a {@code routes} member: they
 *                    replace the stored ones in the same revision (an empty list removes them).
 *                    Empty when it has none: the stored routes are kept, as before routes could be declared.
 *                    No route password is the "keep" marker.
 * @param fingerprint identifies the declaration's content, so a seed is applied again only when it changed;
 *                    not reversible into any value of the declaration (it is keyed)
 */
public record Declaration(Mode mode, String source, ProxyConfigDraft draft, Optional<ProxyRoutesDraft> routes,
                          String fingerprint) {

    public enum Mode {
        /** Applied when the store is empty or the declaration changed since it was last applied. */
        SEED,
        /** Applied at every start when it differs from the configuration in force; API writes are refused. */
        ENFORCE
    }

    public Declaration {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (draft.keepsStoredPassword() || routes.map(r -> r.firstKeepingStoredPassword().isPresent()).orElse(false)) {
            throw new IllegalArgumentException("a declaration cannot keep a stored password");
        }
    }

    /** A declaration of the main configuration alone: the stored routes are kept. */
    public Declaration(Mode mode, String source, ProxyConfigDraft draft, String fingerprint) {
        this(mode, source, draft, Optional.empty(), fingerprint);
    }

    /** The actor of the revisions it creates. */
    public String actor() {
        return "declarative:" + source;
    }
}
