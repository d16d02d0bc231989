package org.proxyconfig.adapters.egress.follower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.PATIENCE;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.TOKEN;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.awaitRoutingBy;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.follower;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.routeOf;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.via;

import org.junit.jupiter.api.Test;
import org.proxyconfig.adapters.egress.TestPki;
import org.proxyconfig.application.Eventually;

/** The follower over HTTPS, against the egress tests' self-signed certificate (made by keytool at test time). */
class ConfigFollowerTlsTest {

    @Test
    void followsAServerTrustedByItsCaPem() throws Exception {
        TestPki pki = TestPki.get();
        try (EffectiveServer server = EffectiveServer.https(TOKEN, pki.serverContext(), 1, via("proxy-one.corp"));
             ConfigFollower follower = follower(server.base()).trustPem(pki.certificatePem).start()) {

            assertThat(follower.awaitFirst(PATIENCE)).isTrue();
            assertThat(routeOf(follower)).isEqualTo("proxy-one.corp");

            server.publish(2, via("proxy-two.corp"));
            awaitRoutingBy(follower, 2, "proxy-two.corp");
        }
    }

    @Test
    void doesNotTrustTheServerByTheSystemRootsAlone() throws Exception {
        TestPki pki = TestPki.get();
        try (EffectiveServer server = EffectiveServer.https(TOKEN, pki.serverContext(), 1, via("proxy-one.corp"));
             ConfigFollower follower = follower(server.base()).start()) {

            Eventually.until("the handshake fails", PATIENCE, () -> follower.state().consecutiveFailures() >= 1);

            assertThat(follower.state().lastError()).hasValueSatisfying(p -> assertThat(p.message()).contains("TLS"));
            assertThatThrownBy(follower::get).isInstanceOf(IllegalStateException.class);
            assertThat(server.requests()).isZero();
        }
    }
}
