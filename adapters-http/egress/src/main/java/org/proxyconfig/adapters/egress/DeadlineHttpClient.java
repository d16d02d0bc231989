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

    DeadlineHttpClient(HttpClientTransport transport, long budgetMillis) {
        super(transport);
        this.budgetMillis = budgetMillis;
    }

    @Override
    public void newConnection(Destination destination, Promise<Connection> promise) {
        super.newConnection(destination, new Bounded(promise, getScheduler(), budgetMillis));
    }

    /** Completes the caller's promise once: with the connection, its failure, or the deadline's. */
    private static final class Bounded implements Promise<Connection> {
        private final Promise<Connection> promise;
        private final AtomicBoolean done = new AtomicBoolean();
        private final Scheduler.Task timer;

        Bounded(Promise<Connection> promise, Scheduler scheduler, long millis) {
            this.promise = promise;
            this.timer = scheduler.schedule(() -> {
                if (done.compareAndSet(false, true)) promise.failed(new ConnectDeadlineExceeded(millis));
            }, millis, TimeUnit.MILLISECONDS);
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
                promise.failed(failure);
            }
        }
    }
}
