package org.proxyconfig.adapters.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyList;

/** The set-aside proxies of a list: skipped during their cool-down, never all of them, back after it. */
class SetAsideProxiesTest {

    private static final ProxyEndpoint A = new ProxyEndpoint("http", "a.corp", 3128);
    private static final ProxyEndpoint B = new ProxyEndpoint("http", "b.corp", 3128);
    private static final ProxyEndpoint C = new ProxyEndpoint("http", "c.corp", 3128);
    private static final ProxyList LIST = new ProxyList(List.of(A, B, C), 60);
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final SetAsideProxies setAside = new SetAsideProxies(now::get);

    @Test
    void triesEveryProxyInOrderWhileNoneIsSetAside() {
        assertThat(setAside.order(LIST)).containsExactly(0, 1, 2);
    }

    @Test
    void skipsASetAsideProxyUntilItsCooldownEnds() {
        assertThat(setAside.setAside(LIST, A)).isTrue();
        assertThat(setAside.order(LIST)).containsExactly(1, 2);

        now.addAndGet(59 * SECOND);
        assertThat(setAside.order(LIST)).as("still within 60 s").containsExactly(1, 2);

        now.addAndGet(SECOND);
        assertThat(setAside.order(LIST)).as("tried again after the cool-down").containsExactly(0, 1, 2);
    }

    @Test
    void neverSetsAsideTheLastUsableProxyOfAList() {
        assertThat(setAside.setAside(LIST, A)).isTrue();
        assertThat(setAside.setAside(LIST, B)).isTrue();
        assertThat(setAside.setAside(LIST, C)).as("the last one still in use").isFalse();
        assertThat(setAside.order(LIST)).containsExactly(2);
    }

    @Test
    void triesAllInOrderWhenEveryProxyIsSetAsideByListsThatShareThem() {
        setAside.setAside(new ProxyList(List.of(A, C), 60), A);
        setAside.setAside(new ProxyList(List.of(B, C), 60), B);
        setAside.setAside(new ProxyList(List.of(C, A), 60), C); // A is set aside, but the list (C, A) had A in it: refused
        assertThat(setAside.isSetAside(C)).isFalse();

        setAside.setAside(new ProxyList(List.of(C, new ProxyEndpoint("http", "d.corp", 1)), 60), C);
        assertThat(setAside.order(LIST)).as("all three set aside: all tried, never direct").containsExactly(0, 1, 2);
    }

    @Test
    void aProxyThatCarriedARequestIsUsableAgainAtOnce() {
        setAside.setAside(LIST, A);

        setAside.usable(A);

        assertThat(setAside.order(LIST)).containsExactly(0, 1, 2);
    }

    @Test
    void aListOfOneProxyHasNothingToSetAside() {
        ProxyList one = ProxyList.of(A);

        assertThat(setAside.setAside(one, A)).isFalse();
        assertThat(setAside.order(one)).containsExactly(0);
    }

    @Test
    void usesTheCooldownOfTheListThatSetItAside() {
        setAside.setAside(new ProxyList(List.of(A, B), 5), A);

        now.addAndGet(5 * SECOND);

        assertThat(setAside.isSetAside(A)).isFalse();
    }
}
