package org.proxyconfig.domain;

import java.util.Objects;

/**
 * The route that decided a request, with its place in the list.
 *
 * @param index 0-based, as in {@code routes[3].match} of an error: "route 3" is {@code routes[3]}
 */
public record MatchedRoute(int index, ProxyRoute route) {

    public MatchedRoute {
        Objects.requireNonNull(route, "route");
        if (index < 0) throw new IllegalArgumentException("index " + index);
    }

    /** {@code route 3 (match .anthropic.com)}. */
    public String describe() {
        return "route " + index + " (match " + route.match().normalized() + ")";
    }
}
