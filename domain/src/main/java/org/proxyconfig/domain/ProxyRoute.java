package org.proxyconfig.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One per-target route: requests whose host and port {@code match} (the {@code no_proxy} grammar,
 * parsed by {@link NoProxyRules}) and whose purpose is in {@code purposes} go {@code via} direct,
 * the main proxy or a proxy of its own. Always valid; errors name {@code match} or
 * {@code purposes} ({@link ProxyRoutes.Builder} adds {@code routes[i].}).
 *
 * @param match    the hosts, suffixes, CIDR ranges and ports of this route; at least one entry
 * @param purposes the purposes it applies to, at least one ({@link #ALL_PURPOSES} when absent)
 */
public record ProxyRoute(NoProxyRules match, Set<Purpose> purposes, RouteVia via) {

    public static final Set<Purpose> ALL_PURPOSES = Collections.unmodifiableSet(EnumSet.allOf(Purpose.class));

    public ProxyRoute {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(purposes, "purposes");
        Objects.requireNonNull(via, "via");
        if (match.size() == 0) {
            // An empty match would be a route that never applies: almost surely a mistake.
            throw new InvalidFieldException("match", "match_required",
                    "must name at least one host, .suffix, CIDR or port, e.g. .anthropic.com or 10.0.0.0/8:443");
        }
        if (purposes.isEmpty()) {
            throw new InvalidFieldException("purposes", "invalid_purposes",
                    "must name at least one of scim, inference, api; leave it out for all of them");
        }
        purposes = Collections.unmodifiableSet(EnumSet.copyOf(purposes));
    }

    /**
     * @param match in the {@code no_proxy} grammar; errors are reported on field {@code match}
     * @throws InvalidFieldException field {@code match} or {@code purposes}
     */
    public static ProxyRoute of(String match, Set<Purpose> purposes, RouteVia via) {
        Objects.requireNonNull(match, "match");
        NoProxyRules rules;
        try {
            ProxyConfigRules.rejectControlCharacters("match", match, false);
            rules = NoProxyRules.parse(match);
        } catch (InvalidFieldException e) {
            throw e.field().equals(NoProxyParser.FIELD) ? e.renamed("match") : e;
        }
        return new ProxyRoute(rules, purposes, via);
    }

    public boolean appliesTo(Purpose purpose) { return purposes.contains(purpose); }
}
