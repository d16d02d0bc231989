package org.proxyconfig.adapters.persistence;

import java.util.List;

/**
 * A list of strings in one text column, one per line: {@code fallback_urls}, whose URLs can hold
 * no line break (the rules refuse control characters), so the format needs no escaping.
 */
final class StoredLists {

    private StoredLists() {
    }

    static String join(List<String> values) {
        return String.join("\n", values);
    }

    static List<String> split(String column) {
        return column.isEmpty() ? List.of() : List.of(column.split("\n", -1));
    }
}
