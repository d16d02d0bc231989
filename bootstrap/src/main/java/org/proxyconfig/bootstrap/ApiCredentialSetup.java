package org.proxyconfig.bootstrap;

import java.io.PrintStream;
import org.proxyconfig.adapters.http.security.ApiCredentials;
import org.proxyconfig.adapters.http.security.Role;
import org.proxyconfig.application.port.in.GeneratedAdminTokenUseCase;
import org.proxyconfig.application.port.in.GeneratedAdminTokenUseCase.GeneratedAdminToken;
import org.proxyconfig.bootstrap.Settings.ApiSettings;
import org.proxyconfig.domain.Secret;

/**
 * Decides who may use the API: the configured credentials, or, when none are configured, the
 * admin token the application generates on the first start against this database. A new token
 * is printed once on the console (never through the logger, so no log line holds it); later
 * starts accept it by its hash.
 */
final class ApiCredentialSetup {

    static final String GENERATED_LABEL = "generated-admin-token";

    private ApiCredentialSetup() {
    }

    static ApiCredentials credentials(ApiSettings api, GeneratedAdminTokenUseCase generated, PrintStream console) {
        ApiCredentials.Builder builder = ApiCredentials.builder();
        if (api.noneConfigured()) {
            GeneratedAdminToken token = generated.obtain();
            token.newToken().ifPresent(newToken -> showOnce(newToken, console));
            builder.tokenDigest(token.sha256Hex(), GENERATED_LABEL, Role.ADMIN);
        } else {
            configuredPeople(api, builder);
        }
        if (api.egressToken().isSet()) builder.token(api.egressToken().reveal(), "egress-token", Role.EGRESS);
        api.egressClientSubjects().forEach(subject -> builder.clientSubject(subject, Role.EGRESS));
        return builder.build();
    }

    private static void configuredPeople(ApiSettings api, ApiCredentials.Builder builder) {
        if (api.adminToken().isSet()) builder.token(api.adminToken().reveal(), "admin-token", Role.ADMIN);
        if (api.viewerToken().isSet()) builder.token(api.viewerToken().reveal(), "viewer-token", Role.VIEWER);
        if (api.adminPassword().isSet()) builder.user(api.adminUser(), api.adminPassword().reveal(), Role.ADMIN);
        if (api.viewerPassword().isSet()) builder.user(api.viewerUser(), api.viewerPassword().reveal(), Role.VIEWER);
    }

    private static void showOnce(Secret token, PrintStream console) {
        console.println("""

                ================================================================================
                No API credentials are configured, so proxy-config generated an admin token.
                It is shown only now and stored only as a hash; keep it somewhere safe:

                    %s

                Use it as   Authorization: Bearer <token>   or   x-api-key: <token>
                To choose your own credentials instead, set PROXY_CONFIG_ADMIN_TOKEN (and
                optionally PROXY_CONFIG_VIEWER_TOKEN, PROXY_CONFIG_ADMIN_USER/_PASSWORD).
                ================================================================================
                """.formatted(token.reveal()));
        console.flush();
    }
}
