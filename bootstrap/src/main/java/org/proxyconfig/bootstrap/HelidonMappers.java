package org.proxyconfig.bootstrap;

import io.helidon.common.mapper.MapperManager;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sets Helidon's global mapper manager once, before the server starts. Helidon 4 converts header,
 * query and path-parameter values through {@code MapperManager.global()} several times per request,
 * and until a manager is set each of those calls is a look-up in the service registry that
 * allocates: about a tenth of a PUT's allocation (JFR, docs/PERFORMANCE.md §2). Once set, it is a
 * field read. The manager set is a fresh one with the same providers the registry would give.
 */
final class HelidonMappers {

    private static final AtomicBoolean SET = new AtomicBoolean();

    private HelidonMappers() {
    }

    static void setGlobalOnce() {
        if (SET.compareAndSet(false, true)) MapperManager.global(MapperManager.create());
    }
}
