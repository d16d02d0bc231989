package org.proxyconfig.adapters.http.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.proxyconfig.adapters.egress.EgressObserver;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteDecision;

/**
 * Every meter of this process and their Prometheus text exposition (docs/metrics.md, where each
 * name and label is an interface). One registry; the parts that count hang off it: outbound
 * traffic, dry-run probes, API requests, authentication failures, and gauges of the state in force.
 * Labels hold bounded values only: never a target's host, a URL or a credential (the {@code proxy}
 * label is a configured proxy's {@code host:port}, {@link ProxyLabels}). Beside the registry, the
 * {@link TrafficLog} of the settings page's traffic panel hears the same outbound events.
 */
public final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ProbeMetrics probes;
    private final ApiMetrics api;
    private final AuthMetrics auth;
    private final TrafficLog traffic;
    private final EgressObserver egress;

    /** On the system clock (tests that do not look at the traffic log's time). */
    public Metrics() {
        this(Clock.systemUTC());
    }

    /** @param clock the time of the traffic log's buckets and failures */
    public Metrics(Clock clock) {
        // Two of Micrometer's process meters break Prometheus' naming rules (promtool check metrics):
        // a CPU time in "ns" and a gauge ending in "_count". Renamed, and the CPU time in seconds under
        // its conventional name, process_cpu_seconds_total.
        registry.config()
                .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.cores") : id;
                    }
                });
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time used by this process").register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        OutboundMetrics outbound = new OutboundMetrics(registry);
        probes = new ProbeMetrics(registry);
        api = new ApiMetrics(registry);
        auth = new AuthMetrics(registry);
        traffic = new TrafficLog(clock);
        egress = new Both(outbound, traffic);
    }

    /**
     * The state in force, read at each scrape.
     *
     * @param revision the revision in force on this instance
     * @param storeUp  whether the store answered at the last attempt
     * @param watching how many watch requests are held
     */
    public Metrics state(LongSupplier revision, BooleanSupplier storeUp, IntSupplier watching) {
        Gauge.builder("proxy_config.revision", revision::getAsLong)
                .description("The configuration revision in force on this instance (0: the defaults)").register(registry);
        Gauge.builder("proxy_config.store.up", () -> storeUp.getAsBoolean() ? 1 : 0)
                .description("1 when the store answered at the last attempt, else 0").register(registry);
        Gauge.builder("proxy_config.followers.watching", watching::getAsInt)
                .description("Watch requests (If-None-Match with wait) held on this instance").register(registry);
        return this;
    }

    /** What the outbound clients and the bridges are to tell: the Prometheus counters and the traffic log. */
    public EgressObserver egress() {
        return egress;
    }

    public TrafficLog traffic() {
        return traffic;
    }

    public ProbeMetrics probes() {
        return probes;
    }

    public ApiMetrics api() {
        return api;
    }

    public AuthMetrics auth() {
        return auth;
    }

    /** For tests and embedding: the registry itself. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition format, version 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    /** Tells two observers, the counters first. */
    private record Both(EgressObserver first, EgressObserver second) implements EgressObserver {
        @Override
        public void routed(Purpose purpose, RouteDecision decision) {
            first.routed(purpose, decision);
            second.routed(purpose, decision);
        }

        @Override
        public void connected(RouteDecision.Route route, Optional<ProxyEndpoint> proxy, Duration setup) {
            first.connected(route, proxy, setup);
            second.connected(route, proxy, setup);
        }

        @Override
        public void setAside(ProxyEndpoint proxy, EgressFailure kind) {
            first.setAside(proxy, kind);
            second.setAside(proxy, kind);
        }

        @Override
        public void failed(Purpose purpose, RouteDecision decision, EgressFailure kind, String host) {
            first.failed(purpose, decision, kind, host);
            second.failed(purpose, decision, kind, host);
        }
    }
}
