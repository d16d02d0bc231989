package org.proxyconfig.application.service;

import java.time.Clock;
import java.util.Optional;
import org.proxyconfig.application.port.in.ApplyDeclarationUseCase;
import org.proxyconfig.application.port.in.Declaration;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Revision;

/**
 * Applies the operator's declared configuration at start-up, in one write transaction, through the
 * same rules, history and audit line as an API update. Several instances starting at once queue on
 * the store's write lock, so a declaration becomes at most one revision.
 *
 * <ul>
 *   <li>{@code SEED}: applied when the store is empty or the declaration's fingerprint differs from
 *       the one recorded when a declaration was last applied; otherwise changes made through the
 *       API since then are left alone.
 *   <li>{@code ENFORCE}: applied whenever it differs from the configuration in force.
 * </ul>
 * A declaration equal to the configuration in force adds no revision; its fingerprint is recorded.
 * Declared routes replace the stored ones in the same revision as the main configuration (so an
 * enforced declaration makes them win too); a declaration without routes keeps the stored ones.
 */
public final class DeclarativeConfigService implements ApplyDeclarationUseCase {

    private final CommittedWrites writes;

    public DeclarativeConfigService(ProxyConfigStore store, Clock clock, RevisionListener listener) {
        this.writes = new CommittedWrites(store, clock, listener);
    }

    @Override
    public Optional<Revision> apply(Declaration declaration) {
        String action = "declarative " + declaration.mode().name().toLowerCase(java.util.Locale.ROOT);
        return writes.writeIfChanged(action, log -> {
            boolean empty = log.latestNumber() == 0;
            boolean changedSinceApplied = !log.declarationFingerprint().equals(Optional.of(declaration.fingerprint()));
            if (declaration.mode() == Declaration.Mode.SEED && !empty && !changedSinceApplied) {
                return Optional.<Change>empty();
            }
            LatestRevision current = LatestRevision.read(log);
            // Without routes a declaration is a main object: the stored routes are kept, as for an API update.
            LatestRevision declared = current.with(declaration.draft().resolveAgainst(current.config()));
            if (declaration.routes().isPresent()) {
                // Every route password is given (never the keep marker), so nothing stored is consulted.
                declared = declared.with(declaration.routes().get().resolveAgainst(ProxyRoutes.NONE));
            }
            if (changedSinceApplied) log.recordDeclarationFingerprint(declaration.fingerprint());
            if (!empty && declared.sameContentAs(current)) return Optional.<Change>empty();
            return Optional.of(writes.append(log, current, declared, declaration.actor()));
        });
    }
}
