package org.proxyconfig.adapters.http.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.proxyconfig.domain.ProxyEndpoint;

/**
 * The values of the {@code proxy} label: a configured proxy's {@code host:port}, never a target's
 * and never credentials. Bounded although the configuration changes over time: after
 * {@value #MAX} distinct proxies since start, any other is {@value #OTHER}, so a stream of edits
 * cannot grow the series without end.
 */
final class ProxyLabels {

    static final int MAX = 32;
    static final String OTHER = "other";
    /** The label of a direct connection, which has no proxy. */
    static final String NONE = "";

    private final Map<ProxyEndpoint, String> values = new ConcurrentHashMap<>();

    String of(ProxyEndpoint proxy) {
        String value = values.get(proxy);
        if (value != null) return value;
        synchronized (values) {
            if (values.size() >= MAX) return OTHER;
            return values.computeIfAbsent(proxy, ProxyEndpoint::authority);
        }
    }
}
