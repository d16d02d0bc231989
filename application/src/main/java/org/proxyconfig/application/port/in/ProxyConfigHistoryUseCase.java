package org.proxyconfig.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.proxyconfig.domain.Revision;

/** Read the numbered history of accepted configurations (docs/openapi.yaml, history). */
public interface ProxyConfigHistoryUseCase {

    int MAX_PAGE_SIZE = 100;

    /** One page, newest first. */
    HistoryPage history(HistoryQuery query);

    /**
     * @param before only revisions numbered below this (exclusive); empty: from the newest
     * @param limit  1..{@value #MAX_PAGE_SIZE}
     */
    record HistoryQuery(OptionalLong before, int limit) {
        public HistoryQuery {
            Objects.requireNonNull(before, "before");
            if (limit < 1 || limit > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE_SIZE);
            }
        }
    }

    /** A revision and the fields it changed compared to the one before it (all set fields for the first). */
    record HistoryEntry(Revision revision, List<String> changedFields) {
        public HistoryEntry {
            Objects.requireNonNull(revision, "revision");
            changedFields = List.copyOf(changedFields);
        }
    }

    /**
     * @param entries newest first
     * @param next    the {@code before} of the next page, empty on the last page
     */
    record HistoryPage(List<HistoryEntry> entries, OptionalLong next) {
        public HistoryPage {
            entries = List.copyOf(entries);
            Objects.requireNonNull(next, "next");
        }
    }
}
