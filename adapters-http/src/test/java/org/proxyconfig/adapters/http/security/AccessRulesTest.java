package org.proxyconfig.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Who reaches the effective configuration, and over what (docs/decisions/0011-the-egress-role.md). */
class AccessRulesTest {

    private static final String EFFECTIVE = "/api/proxy-config/effective";

    @Test
    void theEffectiveConfigurationIsRefusedOverPlainHttpSayingWhy() {
        AccessRules rules = new AccessRules(false);

        assertThat(rules.transportRefusal(EFFECTIVE, false, false)).hasValueSatisfying(why ->
                assertThat(why).contains("only over HTTPS", "PROXY_CONFIG_TLS_CERT", "PROXY_CONFIG_EGRESS_PLAINTEXT_LOOPBACK"));
        assertThat(rules.transportRefusal(EFFECTIVE, false, true)).as("loopback, not allowed").isPresent();
        assertThat(rules.transportRefusal(EFFECTIVE + "/", false, true)).isPresent();
        assertThat(rules.transportRefusal(EFFECTIVE, true, false)).isEmpty();
        assertThat(rules.transportRefusal("/api/proxy-config", false, false)).as("other routes").isEmpty();
    }

    @Test
    void plainHttpOnLoopbackIsAllowedOnlyWhenTheOperatorSaidSo() {
        AccessRules rules = new AccessRules(true);

        assertThat(rules.transportRefusal(EFFECTIVE, false, true)).isEmpty();
        assertThat(rules.transportRefusal(EFFECTIVE, false, false)).as("not loopback").isPresent();
    }

    @Test
    void onlyTheEgressRoleReadsTheEffectiveConfigurationAndItReadsNothingElse() {
        AccessRules rules = new AccessRules(false);

        assertThat(rules.roleRefusal(Role.EGRESS, "GET", EFFECTIVE)).isEmpty();
        assertThat(rules.roleRefusal(Role.ADMIN, "GET", EFFECTIVE)).hasValueSatisfying(why ->
                assertThat(why).contains("only the egress role", "admin role reads GET /api/proxy-config"));
        assertThat(rules.roleRefusal(Role.VIEWER, "GET", EFFECTIVE)).isPresent();
        for (String path : new String[] {"/api/proxy-config", "/api/proxy-config/history", "/api/whoami", "/api/anything"}) {
            assertThat(rules.roleRefusal(Role.EGRESS, "GET", path)).as(path).isPresent();
        }
        assertThat(rules.roleRefusal(Role.EGRESS, "PUT", "/api/proxy-config")).isPresent();
        assertThat(rules.roleRefusal(Role.VIEWER, "PUT", "/api/proxy-config")).isPresent();
        assertThat(rules.roleRefusal(Role.VIEWER, "GET", "/api/proxy-config")).isEmpty();
        assertThat(rules.roleRefusal(Role.ADMIN, "PUT", "/api/proxy-config")).isEmpty();
    }
}
