package org.proxyconfig.domain;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per routing decision with 10 to 10,000 no_proxy rules, for hits and misses, next to
 * the two baselines measured in the same run (docs/PERFORMANCE.md). {@link #proxyRouterWithRoutes}
 * puts the twenty routes of {@link RouteMix} in front of the same rules: a hit is a target one
 * route matches, a miss one that no route and no rule matches (the longest path). Run with
 * {@code ./proxy-config bench routing}; never part of the test suite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingBenchmark {

    @Param({"10", "100", "1000", "10000"})
    int rules;

    @Param({"hit", "miss"})
    String outcome;

    private ProxyRouter router;
    private ProxyRouter routed;
    private RuleMix.Target[] routeTargets;
    private LinearScanBaseline linear;
    private JdkRegexBaseline regex;
    private RuleMix.Target[] targets;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        RuleMix mix = new RuleMix(rules, 1024);
        ProxyConfig config = ProxyConfig.builder().enabled(true).url("http://proxy.example:3128")
                .enableForScim(true).enableForInference(true).enableForApi(true).build();
        router = ProxyRouter.compile(config, NoProxyRules.of(mix.entries));
        linear = new LinearScanBaseline(mix.entries);
        regex = new JdkRegexBaseline(mix.entries);
        List<RuleMix.Target> chosen = outcome.equals("hit") ? mix.hits : mix.misses;
        targets = chosen.toArray(RuleMix.Target[]::new);
        RouteMix routes = new RouteMix(1024);
        routed = ProxyRouter.compile(config, NoProxyRules.of(mix.entries), routes.routes);
        routeTargets = (outcome.equals("hit") ? routes.hits : mix.misses).toArray(RuleMix.Target[]::new);
    }

    private RuleMix.Target nextTarget() {
        return targets[next++ & 1023];
    }

    @Benchmark
    public RouteDecision proxyRouter() {
        RuleMix.Target t = nextTarget();
        return router.decide(Purpose.INFERENCE, t.host(), t.port());
    }

    /**
     * The same host as a new String each call, as when hosts come from parsed URLs: its hash is
     * computed and compared again, where {@link #proxyRouter} reuses 1,024 strings whose hash the
     * JDK keeps. Includes copying the string (~20 characters).
     */
    @Benchmark
    public RouteDecision proxyRouterFreshHost() {
        RuleMix.Target t = nextTarget();
        return router.decide(Purpose.INFERENCE, new String(t.host()), t.port());
    }

    /** What a target the router has not seen lately costs: the decision made without {@link RecentDecisions}. */
    @Benchmark
    public RouteDecision proxyRouterUncached() {
        RuleMix.Target t = nextTarget();
        return router.decideTarget(Purpose.INFERENCE, t.host(), t.port());
    }

    @Benchmark
    public RouteDecision proxyRouterWithRoutes() {
        RuleMix.Target t = routeTargets[next++ & 1023];
        return routed.decide(Purpose.INFERENCE, t.host(), t.port());
    }

    @Benchmark
    public int linearScan() {
        RuleMix.Target t = nextTarget();
        return linear.match(t.host(), t.port());
    }

    @Benchmark
    public boolean jdkRegex() {
        RuleMix.Target t = nextTarget();
        return regex.matches(t.host());
    }
}
