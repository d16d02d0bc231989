package org.proxyconfig.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.InMemoryProxyConfigStore;
import org.proxyconfig.application.StoreUnavailableException;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Revision;
import org.proxyconfig.domain.Secret;

class GetProxyConfigServiceTest {

    /** The in-memory store, counting how often a whole revision is read. */
    private static final class CountingStore implements ProxyConfigStore {
        final InMemoryProxyConfigStore inner = new InMemoryProxyConfigStore();
        final AtomicInteger wholeReads = new AtomicInteger();

        @Override
        public <T> T read(Function<RevisionLog, T> work) {
            return inner.read(log -> work.apply(new RevisionLog() {
                @Override public Optional<Revision> latest() { wholeReads.incrementAndGet(); return log.latest(); }
                @Override public long latestNumber() { return log.latestNumber(); }
                @Override public Revision append(ProxyConfig c, ProxyRoutes r, Instant at, String actor) { return log.append(c, r, at, actor); }
                @Override public Optional<Revision> find(long number) { return log.find(number); }
                @Override public List<Revision> newestFirst(long before, int limit) { return log.newestFirst(before, limit); }
                @Override public Optional<String> declarationFingerprint() { return log.declarationFingerprint(); }
                @Override public void recordDeclarationFingerprint(String fingerprint) { log.recordDeclarationFingerprint(fingerprint); }
            }));
        }

        @Override
        public <T> T write(Function<RevisionLog, T> work) {
            return inner.write(work);
        }
    }

    private static ProxyConfig config(String host) {
        return ProxyConfig.builder().enabled(true).url(host + ":3128").enableForScim(true).enableForInference(true).enableForApi(true).build();
    }

    @Test
    void readsAWholeRevisionOnlyWhenTheNewestNumberMoved() {
        CountingStore store = new CountingStore();
        GetProxyConfigService get = new GetProxyConfigService(store);
        store.write(log -> log.append(config("a.example"), Instant.EPOCH, "alice"));

        assertThat(get.current().config().url()).isEqualTo("a.example:3128");
        assertThat(get.current().revision()).isEqualTo(1);
        assertThat(store.wholeReads.get()).isEqualTo(1);

        store.write(log -> log.append(config("b.example"), Instant.EPOCH, "bob"));
        assertThat(get.current().config().url()).isEqualTo("b.example:3128");
        assertThat(get.current().revision()).isEqualTo(2);
        assertThat(store.wholeReads.get()).isEqualTo(2);
    }

    @Test
    void aStoreThatIsDownStillFailsTheRead() {
        CountingStore store = new CountingStore();
        GetProxyConfigService get = new GetProxyConfigService(store);
        store.write(log -> log.append(config("a.example"), Instant.EPOCH, "alice"));
        get.current();

        store.inner.breakDown();

        org.assertj.core.api.Assertions.assertThatThrownBy(get::current).isInstanceOf(StoreUnavailableException.class);
    }
}
