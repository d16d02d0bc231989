package org.proxyconfig.adapters.egress.follower;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.proxyconfig.adapters.wire.EffectiveConfigJson;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Secret;

class EffectiveAnswersTest {

    private final EffectiveAnswers answers = new EffectiveAnswers(Secret.of("tok-123"));
    private final byte[] good = FollowerFixtures.effective(FollowerFixtures.via("proxy.corp")).getBytes(StandardCharsets.UTF_8);

    @Test
    void takesA200WithAQuotedRevision() {
        Answer answer = answers.read(200, Optional.of("\"12\""), good);

        assertThat(answer).isEqualTo(new Answer.Configuration(12, FollowerFixtures.via("proxy.corp"), ProxyRoutes.NONE));
    }

    @Test
    void takesTheRoutesWithTheConfiguration() {
        byte[] body = bytes(EffectiveConfigJson.write(FollowerFixtures.via("proxy.corp"), FollowerFixtures.targetVia("route.corp")));

        assertThat(answers.read(200, Optional.of("\"12\""), body)).isEqualTo(new Answer.Configuration(12,
                FollowerFixtures.via("proxy.corp"), FollowerFixtures.targetVia("route.corp")));
    }

    @Test
    void aBrokenRouteMakesTheWholeAnswerBadWithoutQuotingItsPassword() {
        String body = new String(good, StandardCharsets.UTF_8).replace("\"routes\":[]",
                "\"routes\":[{\"match\":\"a.example\",\"via\":{\"url\":\"\",\"password\":\"" + FollowerFixtures.ROUTE_PASSWORD + "\"}}]");

        Answer answer = answers.read(200, Optional.of("\"12\""), bytes(body));

        assertThat(answer).isInstanceOfSatisfying(Answer.Failed.class, failed -> assertThat(failed.reason())
                .startsWith("bad answer: revision 12 is not a valid configuration: routes[0].via.url")
                .doesNotContain(FollowerFixtures.ROUTE_PASSWORD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "W/\"12\"", "\"-1\"", "\"1.5\"", "\"\"", "\"12\", \"13\""})
    void refusesAnETagThatIsNotOneQuotedRevision(String etag) {
        assertThat(answers.read(200, Optional.of(etag), good)).isInstanceOf(Answer.Failed.class);
    }

    @Test
    void readsAnErrorsMessageFromEitherShape() {
        assertThat(answers.read(403, Optional.empty(), bytes("{\"message\":\"plain HTTP is refused\"}")))
                .isEqualTo(new Answer.Failed("HTTP 403: plain HTTP is refused"));
        assertThat(answers.read(401, Optional.empty(), bytes("{\"error\":{\"message\":\"the token is not valid\"}}")))
                .isEqualTo(new Answer.Failed("HTTP 401: the token is not valid"));
        assertThat(answers.read(502, Optional.empty(), bytes("<html>bad gateway</html>")))
                .isEqualTo(new Answer.Failed("HTTP 502"));
    }

    @Test
    void cutsALongMessageShortAfterRedactingTheToken() {
        String longMessage = "x".repeat(EffectiveAnswers.MAX_MESSAGE - 3) + "tok-123 and more";

        Answer.Failed failed = (Answer.Failed) answers.read(500, Optional.empty(), bytes("{\"message\":\"" + longMessage + "\"}"));

        // Cut first, then redacted, would have left "tok" (a part of the token) at the end.
        assertThat(failed.reason()).doesNotContain("tok").endsWith("x<re…");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
