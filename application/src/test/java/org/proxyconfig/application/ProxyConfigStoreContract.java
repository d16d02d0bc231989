package org.proxyconfig.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.port.out.RevisionLog;
import java.util.Set;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.RouteVia;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Revision;
import org.proxyconfig.domain.Secret;

/**
 * What every {@link ProxyConfigStore} must do. Run against the in-memory fake here and against
 * the real database in the persistence module, so the fake cannot drift from the real thing.
 */
public abstract class ProxyConfigStoreContract {

    /** A store with nothing in it. */
    protected abstract ProxyConfigStore emptyStore();

    /** The same store after it was closed and opened again (the fake returns itself). */
    protected abstract ProxyConfigStore reopened(ProxyConfigStore store);

    protected static final Instant AT = Instant.parse("2026-11-26T10:15:30.123Z");

    protected static ProxyConfig fullConfig(String host, String password) {
        return ProxyConfig.builder().enabled(true).type(ProxyType.SOCKS5).url("socks5h://" + host + ":1080").username("gw-user")
                .password(Secret.of(password)).noProxy(".corp.example,10.0.0.0/8,[::1]:80").timeoutSeconds(45)
                .skipTlsVerify(true).enableForScim(true).enableForApi(true)
                .fallbackUrls(List.of("socks5h://" + host + "-2:1080", "socks5://backup.example:1080"))
                .fallbackCooldownSeconds(90).build();
    }

    protected static java.util.Optional<Revision> latest(ProxyConfigStore store) {
        return store.read(RevisionLog::latest);
    }

    private static java.util.Optional<Revision> find(ProxyConfigStore store, long number) {
        return store.read(log -> log.find(number));
    }

    private static List<Revision> page(ProxyConfigStore store, long before, int limit) {
        return store.read(log -> log.newestFirst(before, limit));
    }

    private static long latestNumber(ProxyConfigStore store) {
        return store.read(RevisionLog::latestNumber);
    }

    private static java.util.Optional<String> fingerprint(ProxyConfigStore store) {
        return store.read(RevisionLog::declarationFingerprint);
    }

    @Test
    void anEmptyStoreHasNoLatestRevision() {
        assertThat(latest(emptyStore())).isEmpty();
    }

    @Test
    void numbersRevisionsFromOneInOrder() {
        ProxyConfigStore store = emptyStore();
        Revision first = store.write(log -> log.append(fullConfig("a.example", "pw-1"), AT, "alice"));
        Revision second = store.write(log -> log.append(ProxyConfig.DEFAULTS, AT.plusSeconds(1), "bob"));

        assertThat(first.number()).isEqualTo(1);
        assertThat(second.number()).isEqualTo(2);
        assertThat(latest(store)).contains(second);
    }

    @Test
    void keepsEveryFieldIncludingThePasswordAndTheActor() {
        ProxyConfigStore store = emptyStore();
        ProxyConfig config = fullConfig("proxy.corp.example", "s3cr\u00e9t-\u2603");
        store.write(log -> log.append(config, AT, "alice"));

        Revision latest = latest(store).orElseThrow();
        assertThat(latest.config()).isEqualTo(config);
        assertThat(latest.config().password().reveal()).isEqualTo("s3cr\u00e9t-\u2603");
        assertThat(latest.actor()).isEqualTo("alice");
        assertThat(latest.at().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(AT);
    }

    /**
     * Commits revision 1 ("kept.example"), then runs a write that appends "lost.example" and fails;
     * returns the store.
     */
    private ProxyConfigStore storeWithAKeptAndAFailedWrite() {
        ProxyConfigStore store = emptyStore();
        store.write(log -> log.append(fullConfig("kept.example", "pw"), AT, "alice"));
        assertThatThrownBy(() -> store.write(log -> {
            log.append(fullConfig("lost.example", "pw"), AT, "mallory");
            throw new IllegalStateException("fails after appending");
        })).isInstanceOf(IllegalStateException.class);
        return store;
    }

    @Test
    void aWriteThatFailsKeepsNothingItAppended() {
        ProxyConfigStore store = storeWithAKeptAndAFailedWrite();

        Revision latest = latest(store).orElseThrow();
        assertThat(latest.number()).isEqualTo(1);
        assertThat(latest.config().url()).contains("kept.example");
    }

    @Test
    void aWriteAfterOneThatFailedSeesOnlyWhatWasCommitted() {
        ProxyConfigStore store = storeWithAKeptAndAFailedWrite();

        Revision seen = store.write(log -> log.latest().orElseThrow());
        store.write(log -> log.append(fullConfig("next.example", "pw"), AT, "bob"));
        Revision seenNext = store.write(log -> log.latest().orElseThrow());

        assertThat(seen.number()).isEqualTo(1);
        assertThat(seen.config().url()).contains("kept.example");
        assertThat(seenNext.number()).isEqualTo(2);
        assertThat(seenNext.config().url()).contains("next.example");
    }

    @Test
    void aWriteSeesWhatItAppended() {
        ProxyConfigStore store = emptyStore();
        long seen = store.write(log -> {
            log.append(ProxyConfig.DEFAULTS, AT, "alice");
            return log.latest().orElseThrow().number();
        });
        assertThat(seen).isEqualTo(1);
    }

    @Test
    void concurrentWritersGetDistinctConsecutiveNumbers() throws Exception {
        ProxyConfigStore store = emptyStore();
        int writers = 8, each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String actor = "writer-" + w;
                futures.add(pool.submit(() -> {
                    List<Long> numbers = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        numbers.add(store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, actor)).number());
                    }
                    return numbers;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) all.addAll(f.get());
            assertThat(all).doesNotHaveDuplicates().hasSize(writers * each);
            assertThat(all).allMatch(n -> n >= 1 && n <= writers * each);
            assertThat(latest(store).orElseThrow().number()).isEqualTo(writers * each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void findsARevisionByNumberAndNothingForAnUnknownNumber() {
        ProxyConfigStore store = emptyStore();
        ProxyConfig first = fullConfig("first.example", "pw-1");
        store.write(log -> log.append(first, AT, "alice"));
        store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, "bob"));

        assertThat(find(store, 1)).hasValueSatisfying(r -> {
            assertThat(r.config()).isEqualTo(first);
            assertThat(r.config().password().reveal()).isEqualTo("pw-1");
        });
        assertThat(find(store, 3)).isEmpty();
        assertThat(find(store, 0)).isEmpty();
    }

    @Test
    void listsRevisionsNewestFirstInPagesBelowAGivenNumber() {
        ProxyConfigStore store = emptyStore();
        for (int i = 1; i <= 5; i++) {
            String actor = "actor-" + i;
            store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, actor));
        }

        assertThat(page(store, Long.MAX_VALUE, 2))
                .extracting(Revision::number).containsExactly(5L, 4L);
        assertThat(page(store, 4, 2))
                .extracting(Revision::number).containsExactly(3L, 2L);
        assertThat(page(store, 2, 10))
                .extracting(Revision::actor).containsExactly("actor-1");
        assertThat(page(store, 1, 10)).isEmpty();
    }

    @Test
    void keepsRevisionsAcrossReopen() {
        ProxyConfigStore store = emptyStore();
        ProxyConfig config = fullConfig("proxy.corp.example", "pw-reopen");
        store.write(log -> log.append(config, AT, "alice"));

        ProxyConfigStore again = reopened(store);

        Revision latest = latest(again).orElseThrow();
        assertThat(latest.number()).isEqualTo(1);
        assertThat(latest.config()).isEqualTo(config);
        assertThat(again.write(log -> log.append(ProxyConfig.DEFAULTS, AT, "bob")).number()).isEqualTo(2);
    }

    @Test
    void theLatestNumberIsZeroWhenEmptyThenTheNumberInForce() {
        ProxyConfigStore store = emptyStore();
        assertThat(latestNumber(store)).isZero();

        store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, "alice"));
        store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, "bob"));

        assertThat(latestNumber(store)).isEqualTo(2L);
        long inTheWrite = store.write(log -> {
            log.append(ProxyConfig.DEFAULTS, AT, "carol");
            return log.latestNumber();
        });
        assertThat(inTheWrite).isEqualTo(3L);
    }

    @Test
    void keepsTheFingerprintOfTheLastAppliedDeclarationWithItsTransaction() {
        ProxyConfigStore store = emptyStore();
        assertThat(fingerprint(store)).isEmpty();

        store.write(log -> {
            log.recordDeclarationFingerprint("fp-1");
            return null;
        });
        assertThatThrownBy(() -> store.write(log -> {
            log.recordDeclarationFingerprint("fp-lost");
            throw new IllegalStateException("fails after recording");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(fingerprint(store)).contains("fp-1");

        store.write(log -> {
            log.recordDeclarationFingerprint("fp-2");
            return null;
        });
        assertThat(fingerprint(reopened(store))).contains("fp-2");
    }

    @Test
    void aReadCannotRecordAFingerprint() {
        ProxyConfigStore store = emptyStore();
        assertThatThrownBy(() -> store.read(log -> {
            log.recordDeclarationFingerprint("fp");
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }

    /** Three routes, one of each kind, the own proxy with every field set. */
    protected static ProxyRoutes fullRoutes(String password) {
        return ProxyRoutes.builder()
                .add(".direct.example, 10.0.0.0/8:443", ProxyRoute.ALL_PURPOSES, RouteVia.DIRECT)
                .add("default.example", Set.of(Purpose.INFERENCE, Purpose.API), RouteVia.DEFAULT)
                .add("[fd00::/8]:8443, *.own.example", Set.of(Purpose.SCIM), RouteProxy.builder()
                        .type(ProxyType.SOCKS5).url("socks5h://second.example:1081").username("route-user")
                        .password(Secret.of(password)).timeoutSeconds(12).skipTlsVerify(true)
                        .fallbackUrls(List.of("socks5h://third.example:1081")).fallbackCooldownSeconds(7))
                .build();
    }

    @Test
    void keepsTheRoutesOfEachRevisionInOrderWithTheirPasswords() {
        ProxyConfigStore store = emptyStore();
        ProxyRoutes routes = fullRoutes("r\u00f6ute-s3cret");
        store.write(log -> log.append(fullConfig("a.example", "pw"), routes, AT, "alice"));
        store.write(log -> log.append(fullConfig("a.example", "pw"), ProxyRoutes.NONE, AT, "bob"));

        assertThat(find(store, 1).orElseThrow().routes()).isEqualTo(routes);
        assertThat(find(store, 1).orElseThrow().routes().get(2).via().ownProxy().orElseThrow().password().reveal())
                .isEqualTo("r\u00f6ute-s3cret");
        assertThat(latest(store).orElseThrow().routes()).isEqualTo(ProxyRoutes.NONE);
        assertThat(page(store, Long.MAX_VALUE, 10)).extracting(Revision::routes).containsExactly(ProxyRoutes.NONE, routes);
        assertThat(find(reopened(store), 1).orElseThrow().routes()).isEqualTo(routes);
    }

    @Test
    void aWriteSeesTheRoutesItAppendedAndAFailedWriteKeepsNone() {
        ProxyConfigStore store = emptyStore();
        ProxyRoutes routes = fullRoutes("pw");
        ProxyRoutes seen = store.write(log -> {
            log.append(ProxyConfig.DEFAULTS, routes, AT, "alice");
            return log.latest().orElseThrow().routes();
        });
        assertThatThrownBy(() -> store.write(log -> {
            log.append(ProxyConfig.DEFAULTS, fullRoutes("lost"), AT, "mallory");
            throw new IllegalStateException("fails after appending");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(seen).isEqualTo(routes);
        Revision next = store.write(log -> log.append(ProxyConfig.DEFAULTS, routes, AT, "bob"));
        assertThat(find(store, next.number()).orElseThrow().routes()).isEqualTo(routes);
    }
}
