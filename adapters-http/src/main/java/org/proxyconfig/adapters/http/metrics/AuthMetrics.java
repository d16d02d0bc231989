package org.proxyconfig.adapters.http.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.proxyconfig.adapters.http.security.AuthenticationEvents;

/**
 * {@code proxy_config_auth_failures_total{scheme}} (requests refused with 401, by the scheme they
 * tried) and {@code proxy_config_auth_braked_total} (refused with 429 by the failed-login brake).
 */
public final class AuthMetrics implements AuthenticationEvents {

    private final Map<Scheme, Counter> failures = new HashMap<>();
    private final Counter braked;

    AuthMetrics(MeterRegistry registry) {
        for (Scheme scheme : Scheme.values()) {
            failures.put(scheme, Counter.builder("proxy_config.auth.failures")
                    .description("API requests refused for missing or wrong credentials, by the scheme presented")
                    .tag("scheme", scheme.label()).register(registry));
        }
        braked = Counter.builder("proxy_config.auth.braked")
                .description("API requests refused because their address failed to authenticate too often").register(registry);
    }

    @Override
    public void failed(Scheme scheme) {
        failures.get(scheme).increment();
    }

    @Override
    public void braked() {
        braked.increment();
    }
}
