package org.proxyconfig.adapters.http.security;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import javax.security.auth.x500.X500Principal;
import org.proxyconfig.adapters.http.security.AuthenticationEvents.Scheme;

/**
 * Guards every {@code /api/*} route (docs/decisions/0006-api-security.md, 0011-the-egress-role.md):
 * a caller presents a bearer token, Basic user and password, or an {@code x-api-key}, or, for the
 * egress role, a client certificate whose subject is configured; no or wrong credentials are 401
 * (429 once the address is braked), what the role may not do is 403 ({@link AccessRules}). The
 * principal is put in the request context for the routes. Other paths ({@code /health},
 * {@code /openapi}) stay open.
 */
public final class AuthenticationFilter implements Filter {

    public static final String PROTECTED_PREFIX = "/api/";

    private static final HeaderName API_KEY = HeaderNames.create("x-api-key");

    /** The metrics, when the operator wants them behind a credential (PROXY_CONFIG_METRICS_AUTH=viewer). */
    public static final String METRICS_PATH = "/metrics";

    private final ApiCredentials credentials;
    private final FailedAuthBrake brake;
    private final AccessRules rules;
    private final Options options;

    /**
     * @param plaintextLoopbackForEgress whether a client on loopback may read the effective configuration over plain HTTP (a sidecar)
     * @param metricsNeedCredentials    whether {@code /metrics} needs a viewer or admin credential
     * @param events                    told of each refusal (metrics)
     */
    public record Options(boolean plaintextLoopbackForEgress, boolean metricsNeedCredentials, AuthenticationEvents events) {
        /** The effective configuration over HTTPS only, open metrics, refusals told to nobody. */
        public static final Options DEFAULTS = new Options(false, false, AuthenticationEvents.NONE);
    }

    public AuthenticationFilter(ApiCredentials credentials, FailedAuthBrake brake) {
        this(credentials, brake, Options.DEFAULTS);
    }

    public AuthenticationFilter(ApiCredentials credentials, FailedAuthBrake brake, Options options) {
        this.credentials = credentials;
        this.brake = brake;
        this.options = options;
        this.rules = new AccessRules(options.plaintextLoopbackForEgress());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().absolute().path();
        if (!isProtected(path)) {
            chain.proceed();
            return;
        }
        InetAddress client = clientAddress(req);
        rules.transportRefusal(path, req.isSecure(), client.isLoopbackAddress()).ifPresent(why -> {
            throw AccessRefusedException.forbidden(why);
        });
        Principal principal = authenticate(req, client);
        rules.roleRefusal(principal.role(), req.prologue().method().text(), path).ifPresent(why -> {
            throw AccessRefusedException.forbidden(why);
        });
        req.context().register(principal);
        chain.proceed();
    }

    private boolean isProtected(String path) {
        return path.startsWith(PROTECTED_PREFIX) || path.equals("/api")
                || (options.metricsNeedCredentials() && (path.equals(METRICS_PATH) || path.startsWith(METRICS_PATH + "/")));
    }

    private Principal authenticate(RoutingRequest req, InetAddress client) {
        Optional<Presented> presented = presented(req);
        if (presented.isEmpty()) {
            Optional<X500Principal> subject = clientCertificateSubject(req);
            return subject.flatMap(credentials::byClientSubject).orElseThrow(() -> {
                options.events().failed(subject.isPresent() ? AuthenticationEvents.Scheme.CLIENT_CERTIFICATE
                        : AuthenticationEvents.Scheme.NONE);
                return AccessRefusedException.unauthorized("send credentials: Authorization: Bearer <token>, "
                        + "Authorization: Basic <user:password>, or x-api-key: <token>");
            });
        }
        Optional<Principal> principal = presented.get().check().apply(credentials);
        if (principal.isEmpty()) {
            long retryAfter = brake.recordFailure(client);
            if (retryAfter > 0) {
                options.events().braked();
                throw AccessRefusedException.braked(retryAfter);
            }
            options.events().failed(presented.get().scheme());
            throw AccessRefusedException.unauthorized("the credentials are not valid");
        }
        return principal.get();
    }

    /** The subject of the client certificate the TLS handshake verified, if the connection has one. */
    private static Optional<X500Principal> clientCertificateSubject(RoutingRequest req) {
        if (!req.isSecure()) return Optional.empty();
        return req.remotePeer().tlsCertificates()
                .filter(chain -> chain.length > 0 && chain[0] instanceof X509Certificate)
                .map(chain -> ((X509Certificate) chain[0]).getSubjectX500Principal());
    }

    /** The principal that the filter let through, for the routes. */
    public static Optional<Principal> principalOf(io.helidon.webserver.http.ServerRequest req) {
        return req.context().get(Principal.class);
    }

    private static InetAddress clientAddress(RoutingRequest req) {
        // Only an in-memory connection (tests' DirectClient) has no resolved address.
        return req.remotePeer().address() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }

    /** The credential a request carries; an unreadable one checks as wrong, never as absent. */
    private static Optional<Presented> presented(RoutingRequest req) {
        Optional<String> authorization = req.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            String value = authorization.get().strip();
            int space = value.indexOf(' ');
            String scheme = space < 0 ? value : value.substring(0, space);
            String rest = space < 0 ? "" : value.substring(space + 1).strip();
            if (scheme.equalsIgnoreCase("Bearer")) return Optional.of(new Presented(Scheme.BEARER, c -> c.byToken(rest)));
            if (scheme.equalsIgnoreCase("Basic")) return Optional.of(new Presented(Scheme.BASIC, c -> basic(c, rest)));
            return Optional.of(new Presented(Scheme.OTHER, c -> Optional.empty()));
        }
        return req.headers().first(API_KEY).map(key -> new Presented(Scheme.API_KEY, c -> c.byToken(key.strip())));
    }

    private static Optional<Principal> basic(ApiCredentials credentials, String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : credentials.byUserPassword(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** A credential as presented, by its scheme, and how to check it. */
    private record Presented(Scheme scheme, Function<ApiCredentials, Optional<Principal>> check) {
    }
}
