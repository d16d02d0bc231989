package org.proxyconfig.bootstrap;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.proxyconfig.adapters.http.security.ApiCredentials;
import org.proxyconfig.adapters.http.security.Role;
import org.proxyconfig.adapters.http.security.TokenHash;
import org.proxyconfig.adapters.persistence.JdbcGeneratedTokenStore;
import org.proxyconfig.bootstrap.Settings.ApiSettings;

/**
 * Decides who may use the API: the configured credentials, or, when none are configured, an
 * admin token generated on the first start against this database. That token is printed once on
 * the console (never through the logger) and only its SHA-256 is stored; later starts accept it.
 */
final class ApiCredentialSetup {

    static final String GENERATED_LABEL = "generated-admin-token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiCredentialSetup() {
    }

    static ApiCredentials credentials(ApiSettings api, JdbcGeneratedTokenStore generated, Clock clock, PrintStream console) {
        if (!api.noneConfigured()) return configured(api);
        String hash = generated.hash().orElseGet(() -> generateAndShowOnce(generated, clock, console));
        return ApiCredentials.builder().tokenDigest(hash, GENERATED_LABEL, Role.ADMIN).build();
    }

    private static ApiCredentials configured(ApiSettings api) {
        ApiCredentials.Builder builder = ApiCredentials.builder();
        if (api.adminToken().isSet()) builder.token(api.adminToken().reveal(), "admin-token", Role.ADMIN);
        if (api.viewerToken().isSet()) builder.token(api.viewerToken().reveal(), "viewer-token", Role.VIEWER);
        if (api.adminPassword().isSet()) builder.user(api.adminUser(), api.adminPassword().reveal(), Role.ADMIN);
        if (api.viewerPassword().isSet()) builder.user(api.viewerUser(), api.viewerPassword().reveal(), Role.VIEWER);
        return builder.build();
    }

    private static String generateAndShowOnce(JdbcGeneratedTokenStore generated, Clock clock, PrintStream console) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "pc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = TokenHash.hex(token);
        if (!generated.recordIfAbsent(hash, clock.instant())) {
            // Another instance on the same database recorded its token first: ours is worthless.
            return generated.hash().orElseThrow();
        }
        console.println("""

                ================================================================================
                No API credentials are configured, so proxy-config generated an admin token.
                It is shown only now and stored only as a hash; keep it somewhere safe:

                    %s

                Use it as   Authorization: Bearer <token>   or   x-api-key: <token>
                To choose your own credentials instead, set PROXY_CONFIG_ADMIN_TOKEN (and
                optionally PROXY_CONFIG_VIEWER_TOKEN, PROXY_CONFIG_ADMIN_USER/_PASSWORD).
                ================================================================================
                """.formatted(token));
        console.flush();
        return hash;
    }
}
