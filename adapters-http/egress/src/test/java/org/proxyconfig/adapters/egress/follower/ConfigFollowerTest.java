package org.proxyconfig.adapters.egress.follower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.PASSWORD;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.PATIENCE;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.ROUTE_PASSWORD;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.TOKEN;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.awaitRoutingBy;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.effective;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.follower;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.routeOf;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.targetVia;
import static org.proxyconfig.adapters.egress.follower.FollowerFixtures.via;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.proxyconfig.adapters.egress.bridge.ProxyBridges;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.domain.ProxyRouter;
import org.proxyconfig.domain.Purpose;

class ConfigFollowerTest {

    @AutoClose
    private final Closer closer = new Closer();

    private <T extends AutoCloseable> T closing(T resource) {
        return closer.closing(resource);
    }

    /** A follower started from {@code builder}, closed after the test, once its first configuration arrived. */
    private ConfigFollower startedAndServed(ConfigFollower.Builder builder) throws InterruptedException {
        ConfigFollower follower = closing(builder.start());
        assertThat(follower.awaitFirst(PATIENCE)).isTrue();
        return follower;
    }

    /**
     * {@link #startedAndServed}, once its poll for what follows revision 1 is held by {@code server}:
     * what the server publishes next answers that very poll.
     */
    private ConfigFollower startedWithItsPollHeld(ConfigFollower.Builder builder, EffectiveServer server)
            throws InterruptedException {
        ConfigFollower follower = startedAndServed(builder);
        awaitPollHeld(server);
        return follower;
    }

    /** Waits until {@code server} holds the follower's poll for what follows revision 1. */
    private static void awaitPollHeld(EffectiveServer server) {
        Eventually.until("the follower's poll is held", PATIENCE, () -> server.ifNoneMatchSeen().contains("\"1\""));
    }

    @Test
    void routesByTheFirstConfigurationOnceItArrives() throws Exception {
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 1, via("proxy-one.corp")));

        ConfigFollower follower = closing(follower(server.base()).start());

        assertThat(follower.awaitFirst(PATIENCE)).isTrue();
        assertThat(routeOf(follower)).isEqualTo("proxy-one.corp");
        assertThat(follower.get().config().password().reveal()).isEqualTo(PASSWORD);
        FollowerState state = follower.state();
        assertThat(state.revision()).isEqualTo(1);
        assertThat(state.source()).isEqualTo(FollowerState.Source.SERVER);
        assertThat(state.lastContact()).isPresent();
        assertThat(state.healthy()).isTrue();
    }

    @Test
    void routesByTheServersRoutesInFrontOfTheMainConfiguration() throws Exception {
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 1, via("proxy-one.corp")));
        ConfigFollower follower = startedWithItsPollHeld(follower(server.base()), server);

        server.publish(2, via("proxy-one.corp"), targetVia("proxy-route.corp"));

        awaitRoutingBy(follower, 2, "proxy-route.corp");
        assertThat(follower.get().routes().get(0).via().ownProxy().orElseThrow().password().reveal()).isEqualTo(ROUTE_PASSWORD);
        assertThat(follower.get().decide(Purpose.API, "other.example.com", 443).proxy())
                .hasValueSatisfying(p -> assertThat(p.host()).isEqualTo("proxy-one.corp"));

        server.publish(3, via("proxy-one.corp"));
        awaitRoutingBy(follower, 3, "proxy-one.corp");
    }

    @Test
    void followsARevisionPublishedWhileItsPollIsHeld() throws Exception {
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 1, via("proxy-one.corp")));
        ConfigFollower follower = startedWithItsPollHeld(follower(server.base()).pollWait(Duration.ofSeconds(120)), server);

        server.publish(2, via("proxy-two.corp"));

        // Well under the 120 s wait: the held poll was answered, not a new one made after the wait.
        awaitRoutingBy(follower, 2, "proxy-two.corp");
    }

    @Test
    void aNotModifiedAnswerKeepsTheRevisionAndCountsAsContact() throws Exception {
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 7, via("proxy-one.corp")));
        ConfigFollower follower = startedAndServed(follower(server.base()).pollWait(Duration.ofSeconds(1)));
        ProxyRouter first = follower.get();

        Eventually.until("two polls answered 304", PATIENCE, () -> server.ifNoneMatchSeen().size() >= 3);

        assertThat(server.ifNoneMatchSeen()).allMatch("\"7\""::equals);
        assertThat(follower.get()).isSameAs(first);
        assertThat(follower.state().revision()).isEqualTo(7);
        assertThat(follower.state().consecutiveFailures()).isZero();
        assertThat(follower.state().lastError()).isEmpty();
    }

    @Test
    void keepsRoutingThroughAnOutageAndCatchesUpAfterIt() throws Exception {
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 3, via("proxy-one.corp")));
        ContactEvents contact = new ContactEvents();
        ConfigFollower follower = startedAndServed(follower(server.base()).listener(contact));

        server.stop();
        Eventually.until("two failed contacts", PATIENCE, () -> follower.state().consecutiveFailures() >= 2);

        assertThat(routeOf(follower)).isEqualTo("proxy-one.corp");
        FollowerState down = follower.state();
        assertThat(down.revision()).isEqualTo(3);
        assertThat(down.failingSince()).isPresent();
        assertThat(down.lastError()).hasValueSatisfying(p -> assertThat(p.message()).contains("127.0.0.1:"));
        assertThat(down.healthy()).isFalse();
        assertThat(contact.next()).isEqualTo("lost");

        server.publish(4, via("proxy-two.corp"));
        server.restart();

        awaitRoutingBy(follower, 4, "proxy-two.corp");
        assertThat(follower.state().consecutiveFailures()).isZero();
        assertThat(follower.state().failingSince()).isEmpty();
        assertThat(contact.next()).isEqualTo("restored");
    }

    static Stream<Arguments> badAnswers() {
        String good = effective(via("proxy-evil.corp"));
        String brokenRoute = good.replace("\"routes\":[]", "\"routes\":[{\"match\":\"api.example.com\",\"via\":"
                + "{\"url\":\"ftp://proxy-evil.corp:21\",\"password\":\"" + ROUTE_PASSWORD + "\"}}]");
        return Stream.of(
                Arguments.of("malformed JSON", new EffectiveServer.Canned(200, "\"9\"", "{\"enabled\": tru"), "not valid JSON"),
                Arguments.of("an invalid configuration", new EffectiveServer.Canned(200, "\"9\"",
                        "{\"enabled\": true, \"url\": \"\", \"enable_for_api\": true}"), "url"),
                Arguments.of("a broken routes member", new EffectiveServer.Canned(200, "\"9\"", brokenRoute),
                        "revision 9 is not a valid configuration: routes[0].via.url"),
                Arguments.of("routes that are not a list", new EffectiveServer.Canned(200, "\"9\"",
                        good.replace("\"routes\":[]", "\"routes\":\"direct\"")), "routes: must be an array"),
                Arguments.of("no ETag", new EffectiveServer.Canned(200, null, good), "without an ETag"),
                Arguments.of("an ETag that is no revision", new EffectiveServer.Canned(200, "W/\"abc\"", good), "not a quoted revision"),
                Arguments.of("a server error", new EffectiveServer.Canned(503, null,
                        "{\"error\":{\"message\":\"the store is down\"}}"), "HTTP 503: the store is down"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnswers")
    void aBadAnswerNeverReplacesTheGoodConfiguration(String what, EffectiveServer.Canned answer, String reported) throws Exception {
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 5, via("proxy-one.corp")));
        ConfigFollower follower = startedAndServed(follower(server.base()));

        server.answerEveryRequest(answer);
        Eventually.until("the bad answer is reported", PATIENCE, () -> follower.state().consecutiveFailures() >= 2);

        assertThat(routeOf(follower)).isEqualTo("proxy-one.corp");
        assertThat(follower.state().revision()).isEqualTo(5);
        assertThat(follower.state().lastError()).hasValueSatisfying(p -> assertThat(p.message()).contains(reported)
                .doesNotContain(ROUTE_PASSWORD));

        server.answerEveryRequest(null);
        server.publish(6, via("proxy-two.corp"));
        awaitRoutingBy(follower, 6, "proxy-two.corp");
    }

    @Test
    void aServerBehindTheRevisionHeldIsReportedAsBehindNotAsALostContact() throws Exception {
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 5, via("proxy-one.corp")));
        ContactEvents contact = new ContactEvents();
        ConfigFollower follower = startedAndServed(follower(server.base()).listener(contact));

        // Another instance, a moment late: it still serves revision 4.
        server.answerEveryRequest(new EffectiveServer.Canned(200, "\"4\"", effective(via("proxy-old.corp"))));
        Eventually.until("the server reported behind", PATIENCE, () -> follower.state().lastError()
                .map(p -> p.message().contains("behind")).orElse(false));

        assertThat(follower.state().lastError()).hasValueSatisfying(p -> assertThat(p.message())
                .isEqualTo("the server is behind: it answered revision 4, older than revision 5 held, which stays in force"));
        assertThat(follower.state().consecutiveFailures()).isZero();
        assertThat(follower.state().healthy()).isTrue();
        assertThat(routeOf(follower)).isEqualTo("proxy-one.corp");
        assertThat(contact.pending()).as("no contact lost").isEmpty();

        server.answerEveryRequest(null);
        server.publish(6, via("proxy-two.corp"));
        awaitRoutingBy(follower, 6, "proxy-two.corp");
        assertThat(contact.pending()).isEmpty();
    }

    @Test
    void failsClosedWhileNoConfigurationIsKnown() throws Exception {
        ConfigFollower follower = closing(follower(FollowerFixtures.nothingListening()).start());

        assertThat(follower.awaitFirst(Duration.ofMillis(300))).isFalse();
        assertThatThrownBy(follower::get).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no proxy configuration is known yet");
        Eventually.until("a failed contact", PATIENCE, () -> follower.state().consecutiveFailures() >= 1);
        assertThat(follower.state().revision()).isEqualTo(FollowerState.NO_REVISION);
        assertThat(follower.state().source()).isEqualTo(FollowerState.Source.NONE);
        assertThatThrownBy(follower::get).hasMessageContaining("cannot connect to http://127.0.0.1:");
    }

    @Test
    void closeEndsTheThreadWhileAPollIsHeld() throws Exception {
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 1, via("proxy-one.corp")));
        ConfigFollower follower = follower(server.base()).pollWait(Duration.ofSeconds(300)).start();
        assertThat(follower.awaitFirst(PATIENCE)).isTrue();
        awaitPollHeld(server);

        long started = System.nanoTime();
        follower.close();

        assertThat(follower.running()).isFalse();
        // Far below the 300 s the server would hold the poll: close() aborted it.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(routeOf(follower)).isEqualTo("proxy-one.corp");
    }

    @Test
    void tellsTheListenerOfEachChangeAndSurvivesItsExceptions() throws Exception {
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 1, via("proxy-one.corp")));
        BlockingQueue<String> changes = new LinkedBlockingQueue<>();
        ConfigFollower follower = closing(follower(server.base()).listener((revision, config) -> {
            changes.add(revision + " " + config.url());
            throw new IllegalStateException("a listener's bug");
        }).start());

        assertThat(changes.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("1 http://proxy-one.corp:3128");
        awaitPollHeld(server);
        server.publish(2, via("proxy-two.corp"));

        assertThat(changes.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("2 http://proxy-two.corp:3128");
        assertThat(follower.state().revision()).isEqualTo(2);
    }

    @Test
    void theTokenAndThePasswordsNeverReachTheStateNorTheErrorsNorTheLog() throws Exception {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(ConfigFollower.class.getName());
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) { logged.add(new SimpleFormatter().formatMessage(r) + r.getThrown()); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        log.addHandler(capture);
        closing(() -> log.removeHandler(capture));
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 1, via("proxy-one.corp")));
        ConfigFollower follower = startedAndServed(follower(server.base()));
        server.publish(2, via("proxy-one.corp"), targetVia("proxy-route.corp"));
        awaitRoutingBy(follower, 2, "proxy-route.corp");

        // A server that echoes the credential it refused (it should not): the follower still does not repeat it.
        server.answerEveryRequest(new EffectiveServer.Canned(401, null,
                "{\"message\":\"Bearer " + TOKEN + " is not valid\"}"));
        Eventually.until("the refusal is reported", PATIENCE, () -> follower.state().consecutiveFailures() >= 1);

        assertThat(follower.state().lastError()).hasValueSatisfying(p -> assertThat(p.message())
                .startsWith("HTTP 401: Bearer ").doesNotContain(TOKEN));
        assertThat(follower.state().toString()).doesNotContain(TOKEN).doesNotContain(PASSWORD).doesNotContain(ROUTE_PASSWORD);
        assertThat(follower.toString()).doesNotContain(TOKEN);
        assertThat(follower.get().toString()).doesNotContain(PASSWORD).doesNotContain(ROUTE_PASSWORD);
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("contact lost (HTTP 401"));
        assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain(TOKEN).doesNotContain(PASSWORD)
                .doesNotContain(ROUTE_PASSWORD));
    }

    @Test
    void aWrongTokenIsReportedAsRefused() throws Exception {
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 1, via("proxy-one.corp")));
        ConfigFollower follower = closing(ConfigFollower.builder(server.base(), "another-token").start());

        Eventually.until("the refusal is reported", PATIENCE, () -> follower.state().consecutiveFailures() >= 1);

        assertThat(follower.state().lastError()).hasValueSatisfying(p ->
                assertThat(p.message()).isEqualTo("HTTP 401: the token is not valid"));
        assertThatThrownBy(follower::get).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void isTheSupplierTheProxySelectorBridgeTakes() throws Exception {
        EffectiveServer server = closing(EffectiveServer.http(TOKEN, 1, via("proxy-one.corp")));
        ConfigFollower follower = closing(follower(server.base()).start());
        ProxySelector selector = ProxyBridges.forJdkHttpClient(follower, Purpose.API);
        assertThat(follower.awaitFirst(PATIENCE)).isTrue();

        List<Proxy> proxies = selector.select(URI.create("https://api.example.com/v1"));

        assertThat(proxies).singleElement().satisfies(p ->
                assertThat(((InetSocketAddress) p.address()).getHostString()).isEqualTo("proxy-one.corp"));
    }

    @Test
    void theBridgeFailsClosedWhileNoConfigurationIsKnown() {
        ConfigFollower follower = closing(follower(FollowerFixtures.nothingListening()).start());
        ProxySelector selector = ProxyBridges.forJdkHttpClient(follower, Purpose.API);

        assertThatThrownBy(() -> selector.select(URI.create("https://api.example.com/v1")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesPlainHttpToAHostThatIsNotLoopback() {
        assertThatThrownBy(() -> ConfigFollower.builder(URI.create("http://proxy-config.corp:8080"), TOKEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
    }

    @Test
    void refusesAWaitTheServerDoesNotTake() {
        ConfigFollower.Builder builder = ConfigFollower.builder(URI.create("https://proxy-config.corp"), TOKEN);

        assertThatThrownBy(() -> builder.pollWait(Duration.ofSeconds(301))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.pollWait(Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
    }
}
