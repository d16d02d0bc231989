package org.proxyconfig.domain;

import java.util.Optional;

/**
 * Where one request goes and which rule decided it.
 *
 * @param route     direct or through the proxy
 * @param decidedBy the kind of rule that decided
 * @param rule      the rule itself where there is one (the matching no_proxy entry, the
 *                  always-direct host), else ""
 * @param proxy     the proxy to use when {@code route} is PROXY, else empty
 */
public record RouteDecision(Route route, DecidedBy decidedBy, String rule, Optional<ProxyEndpoint> proxy) {

    public enum Route { DIRECT, PROXY }

    public enum DecidedBy {
        /** The master switch {@code enabled} is off. */
        PROXY_DISABLED,
        /** The switch of the request's purpose is off. */
        PURPOSE_DISABLED,
        /** localhost, loopback, link-local or a cloud metadata host: never proxied. */
        ALWAYS_DIRECT_HOST,
        /** A no_proxy entry matched. */
        NO_PROXY_ENTRY,
        /** Nothing exempted the request: it goes through the proxy. */
        PROXY_FOR_PURPOSE
    }

    /** The deciding rule in words, e.g. {@code no_proxy entry '.internal.example'}. */
    public String describe() {
        return switch (decidedBy) {
            case PROXY_DISABLED -> "proxy disabled";
            case PURPOSE_DISABLED -> "proxy not enabled for this purpose";
            case ALWAYS_DIRECT_HOST -> "always-direct host '" + rule + "'";
            case NO_PROXY_ENTRY -> "no_proxy entry '" + rule + "'";
            case PROXY_FOR_PURPOSE -> "proxy enabled for this purpose and no no_proxy entry matched";
        };
    }
}
