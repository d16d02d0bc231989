package org.proxyconfig.adapters.http.metrics;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code proxy_config_api_requests_total{method,route,status}} and the latency histogram
 * {@code proxy_config_api_request_seconds{route}}, as a filter ahead of every other, so a request
 * refused by authentication counts too. The time runs from the filter to the response being sent.
 */
public final class ApiMetrics implements Filter {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "PATCH", "OPTIONS");
    /** Buckets from a fast GET (sub-millisecond) to a long-held watch (up to 300 s). */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(300)};

    private final MeterRegistry registry;
    private final Map<String, Timer> latency = new HashMap<>();
    /** The request counters made so far: a lookup per request, not a meter id built and registered. */
    private final Map<Series, Counter> requests = new ConcurrentHashMap<>();

    private record Series(String method, String route, int status) {
    }

    ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String route : ApiRoute.all()) {
            latency.put(route, Timer.builder("proxy_config.api.request")
                    .description("Time from the request reaching the API to its response being sent, by route")
                    .tag("route", route).serviceLevelObjectives(BUCKETS).register(registry));
        }
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String route = ApiRoute.of(req.path().absolute().path());
        String method = req.prologue().method().text();
        res.whenSent(() -> record(METHODS.contains(method) ? method : "other", route, res.status().code(), System.nanoTime() - start));
        chain.proceed();
    }

    private void record(String method, String route, int status, long nanos) {
        requests.computeIfAbsent(new Series(method, route, status), series -> Counter.builder("proxy_config.api.requests")
                .description("API requests by method, route and status").tag("method", series.method())
                .tag("route", series.route()).tag("status", Integer.toString(series.status())).register(registry))
                .increment();
        latency.get(route).record(Duration.ofNanos(nanos));
    }
}
