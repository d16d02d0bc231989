package org.proxyconfig.adapters.egress;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A Jetty client whose every new connection must be ready — DNS, TCP connect, the proxy handshake
 * (CONNECT or SOCKS5) and TLS, with ALPN — within one budget, the configuration's {@code timeout}.
 * Jetty bounds each step on its own (the CONNECT request even gets the whole connect timeout again);
 * this bounds their sum, as the product promises. A pooled connection is not a connect: reuse pays
 * nothing here.
 */
final class DeadlineHttpClient extends HttpClient {

    /** The budget ran out before the connection was ready. */
    static final class ConnectDeadlineExceeded extends TimeoutException {
        ConnectDeadlineExceeded(long millis) {
            super("DNS + connect + proxy handshake + TLS took longer than the timeout of " + millis + " ms");
        }
    }

    private final long budgetMillis;
    private final boolean viaProxy;

    /** @param viaProxy every connection goes through a proxy, whose passing {@link ProxyStage} marks */
    DeadlineHttpClient(HttpClientTransport transport, long budgetMillis, boolean viaProxy) {
        super(transport);
        this.budgetMillis = budgetMillis;
        this.viaProxy = viaProxy;
    }

    @Override
    public void newConnection(Destination destination, Promise<Connection> promise) {
        super.newConnection(destination, new Bounded(promise, getScheduler(), budgetMillis, viaProxy));
    }

    /**
     * Completes the caller's promise once: with the connection, its failure, or the deadline's; a
     * failure before the proxy was passed wrapped in {@link ProxyStage.BeforeProxyPassed}.
     */
    static final class Bounded implements Promise<Connection> {
        private final Promise<Connection> promise;
        private final AtomicBoolean done = new AtomicBoolean();
        private final Scheduler.Task timer;
        private final boolean viaProxy;
        private volatile boolean proxyPassed;

        Bounded(Promise<Connection> promise, Scheduler scheduler, long millis, boolean viaProxy) {
            this.promise = promise;
            this.viaProxy = viaProxy;
            this.timer = scheduler.schedule(() -> {
                if (done.compareAndSet(false, true)) promise.failed(staged(new ConnectDeadlineExceeded(millis)));
            }, millis, TimeUnit.MILLISECONDS);
        }

        /** The proxy has been passed: what fails from now on concerns the target. */
        void proxyPassed() {
            proxyPassed = true;
        }

        private Throwable staged(Throwable failure) {
            return viaProxy && !proxyPassed ? new ProxyStage.BeforeProxyPassed(failure) : failure;
        }

        @Override
        public void succeeded(Connection connection) {
            if (done.compareAndSet(false, true)) {
                timer.cancel();
                promise.succeeded(connection);
            } else {
                connection.close(); // ready too late: the request has already failed with a timeout
            }
        }

        @Override
        public void failed(Throwable failure) {
            if (done.compareAndSet(false, true)) {
                timer.cancel();
                promise.failed(staged(failure));
            }
        }
    }
}
