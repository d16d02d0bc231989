package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which fields differ between two configurations, by wire name in wire order: what a history
 * shows next to a revision and what the audit line names. The password is compared, never shown.
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

    /**
     * The same, with {@value ProxyRoutes#FIELD} last when the per-target routes differ (a route
     * password included, compared and never shown): what one revision changed of both resources.
     */
    public static List<String> between(ProxyConfig before, ProxyRoutes routesBefore, ProxyConfig after, ProxyRoutes routesAfter) {
        Objects.requireNonNull(routesBefore, "routesBefore");
        Objects.requireNonNull(routesAfter, "routesAfter");
        List<String> changed = new ArrayList<>(between(before, after));
        if (!routesBefore.equals(routesAfter)) changed.add(ProxyRoutes.FIELD);
        return List.copyOf(changed);
    }
}
