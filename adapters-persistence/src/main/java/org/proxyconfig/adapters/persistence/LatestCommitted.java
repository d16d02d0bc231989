package org.proxyconfig.adapters.persistence;

import java.util.concurrent.atomic.AtomicReference;
import org.proxyconfig.domain.Revision;

/**
 * The newest revision this instance knows to be committed. A committed revision never changes
 * (its number is taken once, under the head lock), so a write that finds the head at this number
 * uses it instead of reading, decrypting and validating it again.
 */
final class LatestCommitted {

    private final AtomicReference<Revision> known = new AtomicReference<>();

    /** Revision {@code number} when it is the one known, else null. */
    Revision get(long number) {
        Revision revision = known.get();
        return revision != null && revision.number() == number ? revision : null;
    }

    /** Records a revision known to be committed; an older one than the known never replaces it. */
    void remember(Revision committed) {
        known.accumulateAndGet(committed, (current, next) -> current == null || next.number() > current.number() ? next : current);
    }
}
