package org.proxyconfig.adapters.http.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.proxyconfig.domain.EgressFailure;

/**
 * {@code proxy_config_probes_total{result}}: the dry run's probes, {@code reached} or the failure
 * kind, kept apart from real traffic (a probe is not an outbound request of the gateway).
 */
public final class ProbeMetrics {

    private final Counter reached;
    private final Map<EgressFailure, Counter> failed = new EnumMap<>(EgressFailure.class);

    ProbeMetrics(MeterRegistry registry) {
        reached = counter(registry, "reached");
        for (EgressFailure kind : EgressFailure.values()) failed.put(kind, counter(registry, Labels.kind(kind)));
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("proxy_config.probes").description("Dry-run probes by result: reached, or the failure kind")
                .tag("result", result).register(registry);
    }

    /** A probe that got an answer from the target, whatever its status. */
    public void reached() {
        reached.increment();
    }

    public void failed(EgressFailure kind) {
        failed.get(kind).increment();
    }
}
