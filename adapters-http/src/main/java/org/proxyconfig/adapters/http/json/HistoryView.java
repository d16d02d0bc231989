package org.proxyconfig.adapters.http.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;
import org.proxyconfig.adapters.wire.ProxyConfigJson;
import org.proxyconfig.adapters.wire.ProxyRoutesJson;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase.HistoryEntry;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase.HistoryPage;

/** The body of {@code GET /api/proxy-config/history}: a page of revisions, newest first. */
@JsonbPropertyOrder({"revisions", "nextBefore"})
public final class HistoryView {

    public List<Entry> revisions;
    /** The {@code before} of the next page; absent on the last page. */
    public Long nextBefore;

    /**
     * One revision: when, who, which fields changed, and the configuration and the per-target
     * routes with every password redacted, so a client sees what a restore would bring back.
     */
    @JsonbPropertyOrder({"revision", "at", "actor", "changed", "config", "routes"})
    public static final class Entry {
        public long revision;
        public String at;
        public String actor;
        public List<String> changed;
        /** The configuration, its password redacted ({@link ProxyConfigJson#shown}). */
        public Map<String, Object> config;
        /** The routes, each route proxy's password redacted ({@link ProxyRoutesJson#shown}). */
        public List<Map<String, Object>> routes;
    }

    public static HistoryView of(HistoryPage page) {
        HistoryView view = new HistoryView();
        view.revisions = page.entries().stream().map(HistoryView::entry).toList();
        view.nextBefore = page.next().isPresent() ? page.next().getAsLong() : null;
        return view;
    }

    private static Entry entry(HistoryEntry e) {
        Entry entry = new Entry();
        entry.revision = e.revision().number();
        entry.at = e.revision().at().toString();
        entry.actor = e.revision().actor();
        entry.changed = e.changedFields();
        entry.config = ProxyConfigJson.shown(e.revision().config());
        entry.routes = ProxyRoutesJson.shown(e.revision().routes());
        return entry;
    }
}
