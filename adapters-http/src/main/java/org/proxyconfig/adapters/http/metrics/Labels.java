package org.proxyconfig.adapters.http.metrics;

import java.util.Locale;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * The values the labels take: the API's own words, lower case, from bounded vocabularies only.
 * Public for the traffic route, which speaks the same words.
 */
public final class Labels {

    private Labels() {
    }

    static String purpose(Purpose purpose) {
        return purpose.wireName();
    }

    static String route(RouteDecision.Route route) {
        return route.name().toLowerCase(Locale.ROOT);
    }

    public static String decidedBy(RouteDecision.DecidedBy rule) {
        return switch (rule) {
            case PROXY_DISABLED -> "proxy_disabled";
            case PURPOSE_DISABLED -> "purpose_disabled";
            case ALWAYS_DIRECT_HOST -> "always_direct";
            case NO_PROXY_ENTRY -> "no_proxy";
            case PROXY_FOR_PURPOSE -> "proxy";
            case ROUTE -> "route";
        };
    }

    /** The route a rule leads to: only "proxy" goes through the proxy. */
    /** Where a request decided by {@code rule} can go: a per-target route either way, every other rule one way. */
    static java.util.List<RouteDecision.Route> routesOf(RouteDecision.DecidedBy rule) {
        return switch (rule) {
            case PROXY_FOR_PURPOSE -> java.util.List.of(RouteDecision.Route.PROXY);
            case ROUTE -> java.util.List.of(RouteDecision.Route.values());
            default -> java.util.List.of(RouteDecision.Route.DIRECT);
        };
    }

    /** The dry run's word for the kind ({@code proxy_auth_required}). */
    public static String kind(EgressFailure kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
