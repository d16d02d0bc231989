package org.proxyconfig.application.service;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.ConfigChanges;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Revision;

/**
 * Pages through the history, newest first. One extra revision is read past the page so that the
 * page's oldest entry can say what it changed.
 */
public final class ProxyConfigHistoryService implements ProxyConfigHistoryUseCase {

    private final ProxyConfigStore store;

    public ProxyConfigHistoryService(ProxyConfigStore store) {
        this.store = store;
    }

    @Override
    public HistoryPage history(HistoryQuery query) {
        long before = query.before().orElse(Long.MAX_VALUE);
        List<Revision> revisions = store.read(log -> log.newestFirst(before, query.limit() + 1));
        List<HistoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < Math.min(query.limit(), revisions.size()); i++) {
            Revision revision = revisions.get(i);
            Revision previous = i + 1 < revisions.size() ? revisions.get(i + 1) : null;
            entries.add(new HistoryEntry(revision, ConfigChanges.between(
                    previous == null ? ProxyConfig.DEFAULTS : previous.config(),
                    previous == null ? ProxyRoutes.NONE : previous.routes(), revision.config(), revision.routes())));
        }
        boolean more = revisions.size() > query.limit();
        return new HistoryPage(entries, more ? OptionalLong.of(entries.getLast().revision().number()) : OptionalLong.empty());
    }
}
