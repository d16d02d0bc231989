package org.proxyconfig.adapters.http;

import io.helidon.webserver.http.HttpRouting;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.proxyconfig.adapters.http.security.ApiCredentials;
import org.proxyconfig.adapters.http.metrics.Metrics;
import org.proxyconfig.adapters.http.security.AuthenticationFilter;
import org.proxyconfig.adapters.http.security.FailedAuthBrake;
import org.proxyconfig.adapters.http.security.Role;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.port.in.CheckHealthUseCase;
import org.proxyconfig.application.port.in.DryRunUseCase;
import org.proxyconfig.application.port.in.GetProxyConfigUseCase;
import org.proxyconfig.application.port.in.ProxyConfigHistoryUseCase;
import org.proxyconfig.application.port.in.ReadEffectiveConfigUseCase;
import org.proxyconfig.application.port.in.ReplaceProxyRoutesUseCase;
import org.proxyconfig.application.port.in.RestoreRevisionUseCase;
import org.proxyconfig.application.port.in.UpdateProxyConfigUseCase;
import org.proxyconfig.application.port.in.WatchProxyConfigUseCase;
import org.proxyconfig.application.service.ActiveProxyConfig;
import org.proxyconfig.application.service.DryRunService;
import org.proxyconfig.application.service.EffectiveConfigService;
import org.proxyconfig.application.service.GetProxyConfigService;
import org.proxyconfig.application.service.LiveHealthCheck;
import org.proxyconfig.application.service.ProxyConfigHistoryService;
import org.proxyconfig.application.service.ReplaceProxyRoutesService;
import org.proxyconfig.application.service.RestoreRevisionService;
import org.proxyconfig.application.service.UpdateProxyConfigService;

/**
 * The whole HTTP API as the product wires it ({@link HttpApi#routing}), over the real services and
 * the in-memory store. A routing is set up once per test class (Helidon's {@code @SetUpRoute} is
 * static), so it calls the use cases through {@link #current}: {@link #reset()} gives each test new
 * services over a new, empty store, and moves the brake's clock past its window so no test sees
 * another's failed attempts. Tests may swap {@code get} to provoke failures.
 */
final class TestApi {

    static final String ADMIN_TOKEN = "admin-token-for-tests-3f9a";
    static final String VIEWER_TOKEN = "viewer-token-for-tests-71c2";
    static final String ADMIN_USER = "ops";
    static final String ADMIN_PASSWORD = "ops-password-for-tests-8d1e";
    static final String VIEWER_USER = "auditor";
    static final String VIEWER_PASSWORD = "auditor-password-for-tests-5b0c";
    static final String ADMIN_BEARER = "Bearer " + ADMIN_TOKEN;
    static final String EGRESS_TOKEN = "egress-token-for-tests-c4e7";

    final MutableClock clock = new MutableClock();
    final Metrics metrics = new Metrics();
    private final AuthenticationFilter authentication = new AuthenticationFilter(ApiCredentials.builder()
            .token(ADMIN_TOKEN, "admin-token", Role.ADMIN)
            .token(VIEWER_TOKEN, "viewer-token", Role.VIEWER)
            .user(ADMIN_USER, ADMIN_PASSWORD, Role.ADMIN)
            .user(VIEWER_USER, VIEWER_PASSWORD, Role.VIEWER)
            .token(EGRESS_TOKEN, "egress-token", Role.EGRESS)
            .build(), new FailedAuthBrake(clock), // the tests' clients are on loopback, without TLS
            new AuthenticationFilter.Options(true, false, metrics.auth()));
    private volatile InMemoryProxyConfigStore store;
    private volatile HttpApi.UseCases current;
    private volatile ActiveProxyConfig active;

    TestApi() {
        reset();
    }

    /** The product's routing, its use cases those of the test that runs. */
    void routing(HttpRouting.Builder routing) {
        HttpApi.UseCases useCases = new HttpApi.UseCases(
                following(GetProxyConfigUseCase.class, () -> current.get()),
                following(UpdateProxyConfigUseCase.class, () -> current.update()),
                following(ProxyConfigHistoryUseCase.class, () -> current.history()),
                following(RestoreRevisionUseCase.class, () -> current.restore()),
                following(ReplaceProxyRoutesUseCase.class, () -> current.routes()),
                following(DryRunUseCase.class, () -> current.dryRun()),
                following(CheckHealthUseCase.class, () -> current.health()),
                following(ReadEffectiveConfigUseCase.class, () -> current.effective()),
                following(WatchProxyConfigUseCase.class, () -> current.watch()));
        HttpApi.routing(routing, useCases, authentication, "openapi: 3.1.0\n", metrics);
    }

    /**
     * A {@code useCase} whose every call goes to the one {@code ofTheTest} gives at the time of the
     * call: the routing outlives the test that built it, each test has its own services.
     */
    private static <T> T following(Class<T> useCase, Supplier<T> ofTheTest) {
        return useCase.cast(Proxy.newProxyInstance(useCase.getClassLoader(), new Class<?>[] {useCase},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(ofTheTest.get(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause(); // as the use case threw it, not wrapped
                    }
                }));
    }

    /** A new empty store and new services over it; earlier failed attempts aged out of the brake. */
    void reset() {
        store = new InMemoryProxyConfigStore();
        current = useCases(null);
        clock.advance(Duration.ofMinutes(2));
    }

    /** Every use case real but {@code get} (and the health check that asks it), to provoke failures. */
    void replaceGet(GetProxyConfigUseCase get) {
        current = useCases(get);
    }

    /** The configuration in force for the test that runs: what the effective route serves and watchers wait on. */
    ActiveProxyConfig active() {
        return active;
    }

    InMemoryProxyConfigStore store() {
        return store;
    }

    private HttpApi.UseCases useCases(GetProxyConfigUseCase get) {
        GetProxyConfigUseCase g = get != null ? get : new GetProxyConfigService(store);
        active = new ActiveProxyConfig(new GetProxyConfigService(store));
        UpdateProxyConfigUseCase u = new UpdateProxyConfigService(store, Clock.systemUTC(), active);
        return new HttpApi.UseCases(g, u, new ProxyConfigHistoryService(store),
                new RestoreRevisionService(store, Clock.systemUTC(), active),
                new ReplaceProxyRoutesService(store, Clock.systemUTC(), active),
                new DryRunService(store, (router, purpose, target) -> {
                    throw new AssertionError("no probe in these tests");
                }), new LiveHealthCheck(g), new EffectiveConfigService(active), active);
    }
}
