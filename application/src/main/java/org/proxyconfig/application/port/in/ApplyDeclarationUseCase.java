package org.proxyconfig.application.port.in;

import java.util.Optional;
import org.proxyconfig.domain.Revision;

/**
 * Put the operator's declared configuration in force at start-up (docs/decisions/0008-postgresql-and-propagation.md):
 * a {@code SEED} fills an empty store and yields to later API edits until the declaration changes;
 * an {@code ENFORCE} wins whenever it differs from the configuration in force.
 */
public interface ApplyDeclarationUseCase {

    /**
     * @return the revision it created, empty when the store already had it (or, seeding, had a newer edit)
     * @throws org.proxyconfig.domain.ProxyConfigError when the declaration breaks a rule; nothing changes
     * @throws org.proxyconfig.application.StoreUnavailableException when the store fails
     */
    Optional<Revision> apply(Declaration declaration);
}
