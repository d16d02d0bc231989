package org.proxyconfig.domain;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The proxies one proxy setting may use, in the order they are tried: its {@code url}, then its
 * {@code fallback_urls} — the main configuration's, or a route's own. All of them have the same
 * type and credentials. A proxy that cannot be used (refused, timed out, a failed TLS handshake to
 * it, a 5xx to the CONNECT, a broken SOCKS handshake) is set aside for {@code cooldownSeconds}
 * and the next one is tried; a request never goes direct instead
 * (docs/decisions/0016-proxy-failover.md).
 *
 * @param inOrder         at least one proxy, no two alike
 * @param cooldownSeconds how long a failed proxy is set aside, at least 1
 */
public record ProxyList(List<ProxyEndpoint> inOrder, int cooldownSeconds) {

    public ProxyList {
        inOrder = List.copyOf(inOrder);
        if (inOrder.isEmpty()) throw new IllegalArgumentException("a proxy list has at least one proxy");
        if (cooldownSeconds < 1) throw new IllegalArgumentException("the cool-down is at least 1 s");
    }

    /** A list of one proxy, with the default cool-down. */
    public static ProxyList of(ProxyEndpoint only) {
        return new ProxyList(List.of(only), ProxyConfigRules.DEFAULT_FALLBACK_COOLDOWN_SECONDS);
    }

    /** The proxy tried first: the {@code url}. */
    public ProxyEndpoint primary() {
        return inOrder.get(0);
    }

    /** The proxy at {@code index} of the order ({@code 0} is the primary). */
    public ProxyEndpoint get(int index) {
        return inOrder.get(index);
    }

    public int size() {
        return inOrder.size();
    }

    /** The proxies after the primary, in order; empty when there are none. */
    public List<ProxyEndpoint> fallbacks() {
        return inOrder.subList(1, inOrder.size());
    }

    /** {@code http://a:3128}, or {@code http://a:3128 (then http://b:3128)}: never credentials. */
    public String describe() {
        String primary = primary().toUrl();
        if (size() == 1) return primary;
        return primary + " (then " + fallbacks().stream().map(ProxyEndpoint::toUrl).collect(Collectors.joining(", ")) + ")";
    }

    /** True when every host of {@code other} is a host of this list: no new party would get the credentials. */
    boolean coversHostsOf(ProxyList other) {
        Objects.requireNonNull(other, "other");
        return other.inOrder.stream().allMatch(endpoint -> inOrder.stream().anyMatch(mine -> mine.host().equals(endpoint.host())));
    }
}
