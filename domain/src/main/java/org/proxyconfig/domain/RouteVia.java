package org.proxyconfig.domain;

import java.util.Objects;
import java.util.Optional;

/** Where a matching route sends a request: direct, through the main proxy, or through a proxy of its own. */
public sealed interface RouteVia {

    /** {@code "direct"}: no proxy. */
    RouteVia DIRECT = new Direct();

    /** {@code "default"}: the main configuration's proxy, as the main configuration would use it. */
    RouteVia DEFAULT = new MainProxy();

    static RouteVia proxy(RouteProxy proxy) { return new OwnProxy(proxy); }

    /** {@code direct}, {@code default} or the proxies' URLs (never credentials): for messages. */
    String describe();

    /** The route's own proxy, when it has one. */
    default Optional<RouteProxy> ownProxy() { return Optional.empty(); }

    record Direct() implements RouteVia {
        @Override public String describe() { return "direct"; }
    }

    record MainProxy() implements RouteVia {
        @Override public String describe() { return "default"; }
    }

    record OwnProxy(RouteProxy proxy) implements RouteVia {
        public OwnProxy {
            Objects.requireNonNull(proxy, "proxy");
        }

        @Override public String describe() { return "proxy " + proxy.proxies().describe(); }

        @Override public Optional<RouteProxy> ownProxy() { return Optional.of(proxy); }
    }
}
