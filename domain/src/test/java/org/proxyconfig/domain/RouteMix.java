package org.proxyconfig.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Twenty per-target routes of the kinds users write (a provider's suffix, one API host, a CIDR
 * with a port, a subdomain wildcard; direct, default and proxies of their own; a few for one
 * purpose only) and targets that hit one of them, for the routing benchmark. None matches a
 * {@link RuleMix} miss, so a miss goes through the routes and the no_proxy list to the proxy.
 */
final class RouteMix {

    static final int ROUTES = 20;

    final ProxyRoutes routes;
    final List<RuleMix.Target> hits = new ArrayList<>();

    RouteMix(int targets) {
        RouteProxy.Builder own = RouteProxy.builder().url("http://second.example:8080").username("bob").password(Secret.of("pw"));
        ProxyRoutes.Builder builder = ProxyRoutes.builder();
        List<List<RuleMix.Target>> byRoute = new ArrayList<>();
        for (int i = 0; i < ROUTES; i++) {
            // Every fifth route is for SCIM only: not in the inference list, but still written by users.
            Set<Purpose> purposes = i % 5 == 4 ? Set.of(Purpose.SCIM) : ProxyRoute.ALL_PURPOSES;
            String match;
            List<RuleMix.Target> hit = new ArrayList<>();
            switch (i % 4) {
                case 0 -> {
                    match = ".provider" + i + ".ai";
                    hit.add(new RuleMix.Target("api.provider" + i + ".ai", 443));
                }
                case 1 -> {
                    match = "api.vendor" + i + ".example, api-eu.vendor" + i + ".example";
                    hit.add(new RuleMix.Target("api.vendor" + i + ".example", 443));
                    hit.add(new RuleMix.Target("api-eu.vendor" + i + ".example", 443));
                }
                case 2 -> {
                    match = "172.16." + i + ".0/24:443";
                    hit.add(new RuleMix.Target("172.16." + i + ".17", 443));
                }
                default -> {
                    match = "*.models" + i + ".internal:8443";
                    hit.add(new RuleMix.Target("gpu1.models" + i + ".internal", 8443));
                }
            }
            switch (i % 3) {
                case 0 -> builder.add(match, purposes, RouteVia.DIRECT);
                case 1 -> builder.add(match, purposes, RouteVia.DEFAULT);
                default -> builder.add(match, purposes, own);
            }
            byRoute.add(purposes.contains(Purpose.INFERENCE) ? hit : List.of());
        }
        routes = builder.build();
        List<RuleMix.Target> all = byRoute.stream().flatMap(List::stream).toList();
        Random random = new Random(42);
        for (int t = 0; t < targets; t++) hits.add(all.get(random.nextInt(all.size())));
    }
}
