package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which fields differ between two configurations, by wire name in wire order: what a history
 * shows next to a revision. The password is compared, never shown.
 */
public final class ConfigChanges {

    private ConfigChanges() {
    }

    /** The wire names of the fields whose values differ, in wire order. */
    public static List<String> between(ProxyConfig before, ProxyConfig after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        List<String> changed = new ArrayList<>();
        for (ConfigField field : ConfigField.values()) {
            if (!field.valueIn(before).equals(field.valueIn(after))) changed.add(field.wireName());
        }
        return List.copyOf(changed);
    }
}
