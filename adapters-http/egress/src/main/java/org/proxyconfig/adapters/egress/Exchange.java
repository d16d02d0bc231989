package org.proxyconfig.adapters.egress;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.ProxyEndpoint;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.RouteDecision;

/**
 * One request on a connection of a {@link RoutePool}: sent with Jetty, answered once the status
 * line and headers are in, the body left to stream. The request holds a reference on its pool
 * until the exchange is over, so a retired pool closes only after its last response was read.
 */
final class Exchange {

    private Exchange() {
    }

    /**
     * Sends {@code request} and returns once the status and headers are in; the body streams.
     *
     * @param fresh send on a new connection of its own (a tag makes a destination of its own in
     *              Jetty, so no pooled connection can be picked): for a request sent again
     */
    static StreamingResponse open(RoutePool pool, RouteDecision decision, OutboundRequest request,
                                  EgressOptions options, boolean fresh) throws EgressException, InterruptedIOException {
        RouteProfile profile = pool.profile();
        String target = OutboundHttpClient.target(request);
        Request jetty = prepare(pool, request, options, fresh);
        Listener listener = new Listener(pool);
        jetty.send(listener);
        Response response = await(jetty, () -> listener.get(wait(profile, options), TimeUnit.MILLISECONDS), profile, request,
                target);
        refuseProxy407(response, profile, request, target);
        return new StreamingResponse(response.getStatus(), headers(response), decision,
                response.getVersion().asString(), new ClassifiedBody(listener.getInputStream(), profile, target));
    }

    /**
     * Sends {@code request} and reads the whole body, up to {@code maxBytes}, on Jetty's threads:
     * the caller wakes once, when the response is complete (no hand-off per chunk, as a stream needs).
     */
    static OutboundResponse read(RoutePool pool, RouteDecision decision, OutboundRequest request,
                                 EgressOptions options, boolean fresh) throws EgressException, InterruptedIOException {
        RouteProfile profile = pool.profile();
        String target = OutboundHttpClient.target(request);
        Request jetty = prepare(pool, request, options, fresh);
        Buffering listener = new Buffering(jetty, options.maxBufferedBytes(), pool);
        var future = listener.send();
        ContentResponse response;
        try {
            response = await(jetty, () -> future.get(wait(profile, options), TimeUnit.MILLISECONDS), profile, request,
                    target);
        } catch (EgressException e) {
            if (tooLarge(e.getCause())) {
                throw new EgressException(EgressFailure.RESPONSE_TOO_LARGE, !profile.isDirect(), "the response of "
                        + target + " is larger than " + options.maxBufferedBytes() + " bytes: read it with open() to stream it");
            }
            throw e;
        }
        refuseProxy407(response, profile, request, target);
        return new OutboundResponse(response.getStatus(), headers(response), response.getContent(), decision,
                response.getVersion().asString());
    }

    private static Request prepare(RoutePool pool, OutboundRequest request, EgressOptions options, boolean fresh) {
        Request jetty = pool.client().newRequest(request.uri())
                .method(request.method())
                .idleTimeout(options.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(fields -> request.headers().forEach((name, values) -> values.forEach(v -> fields.add(name, v))));
        // No content at all for an empty body: a GET then carries no Content-Length.
        if (request.body() != RequestBody.EMPTY) jetty.body(content(request.body()));
        if (fresh) jetty.tag(new Object());
        timeConnect(jetty, pool, options.observer());
        return jetty;
    }

    /**
     * When a request starts on a connection no request used before, that connection was opened for
     * it: the time from its queueing to its start is the connect (DNS, TCP, the proxy's handshake,
     * TLS). A request on a pooled connection tells nothing.
     */
    private static void timeConnect(Request jetty, RoutePool pool, EgressObserver observer) {
        long[] queued = new long[1];
        RouteDecision.Route route = pool.profile().isDirect() ? RouteDecision.Route.DIRECT : RouteDecision.Route.PROXY;
        jetty.onRequestQueued(r -> queued[0] = System.nanoTime())
                .onRequestBegin(r -> {
                    var connection = r.getConnection();
                    if (connection != null && queued[0] != 0 && pool.firstUseOf(connection)) {
                        observer.connected(route, pool.profile().proxy(), java.time.Duration.ofNanos(System.nanoTime() - queued[0]));
                    }
                });
    }

    /** Bounded anyway: the connect deadline and the read timeout each end the exchange first. */
    private static long wait(RouteProfile profile, EgressOptions options) {
        return profile.timeoutMillis() + options.readTimeout().toMillis() + 1_000;
    }

    private interface Wait<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T await(Request jetty, Wait<T> answer, RouteProfile profile, OutboundRequest request,
                               String target) throws EgressException, InterruptedIOException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            EgressException failure = theProxysOwnTls(Failures.classify(e.getCause(), profile, target), profile, request);
            throw closedConnection(e.getCause()) ? new ClosedBeforeAnswer(failure)
                    : tooLarge(e.getCause()) ? new EgressException(failure.kind(), failure.viaProxy(), failure.getMessage(), e.getCause())
                    : failure;
        } catch (TimeoutException e) {
            jetty.abort(e);
            throw Failures.classify(e, profile, target);
        } catch (InterruptedException e) {
            jetty.abort(e);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + target);
        }
    }

    /**
     * An absolute-form request (a plain-HTTP target) through an {@code https://} proxy has one TLS
     * handshake, the proxy's, and Jetty makes it after the connection is made, past the proxy
     * stage ({@link ProxyStage}): its failure is the proxy's, and the next proxy may be tried —
     * unless the body streams: the handshake runs on the first write, for which Jetty has already
     * read the body's first chunk, so another proxy would send the target a truncated body.
     */
    private static EgressException theProxysOwnTls(EgressException failure, RouteProfile profile, OutboundRequest request) {
        boolean onlyTheProxysTls = !request.isTls() && profile.type() == ProxyType.HTTP
                && profile.proxy().map(ProxyEndpoint::tlsToProxy).orElse(false)
                && !(request.body() instanceof RequestBody.Streamed);
        if (!onlyTheProxysTls || failure.kind() != EgressFailure.TLS_FAILURE || failure.proxyUnusable()) return failure;
        return new EgressException(failure.kind(), true, true, failure.getMessage(), failure.getCause());
    }

    /** Jetty's buffering listener refuses a body above its capacity with this exception. */
    private static boolean tooLarge(Throwable failure) {
        return failure instanceof IllegalArgumentException && String.valueOf(failure.getMessage()).contains("capacity");
    }

    private static void refuseProxy407(Response response, RouteProfile profile, OutboundRequest request, String target)
            throws EgressException {
        if (response.getStatus() == 407 && !profile.isDirect() && profile.type() == ProxyType.HTTP && !request.isTls()) {
            // An absolute-form request: the 407 is the proxy's own refusal, not the target's answer.
            response.abort(new EgressException(EgressFailure.PROXY_AUTH_REQUIRED, true, "refused"));
            throw new EgressException(EgressFailure.PROXY_AUTH_REQUIRED, true, "request to " + target
                    + " through the proxy " + profile.describe() + ": the proxy answered 407 (it wants other credentials)");
        }
    }

    /**
     * The connection was closed before any answer came: typically a pooled connection that the
     * peer had just closed (tinyproxy closes every client connection after one response, without
     * saying so). The caller may send an idempotent request again on a new connection.
     */
    static final class ClosedBeforeAnswer extends EgressException {
        ClosedBeforeAnswer(EgressException failure) {
            super(failure.kind(), failure.viaProxy(), failure.proxyUnusable(), failure.getMessage(), failure.getCause());
        }
    }

    private static boolean closedConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.EOFException || t instanceof java.nio.channels.ClosedChannelException) return true;
        }
        return false;
    }

    private static Request.Content content(RequestBody body) {
        return switch (body) {
            case RequestBody.Bytes bytes -> new BytesRequestContent((String) null, bytes.bytes());
            case RequestBody.Streamed streamed -> new InputStreamRequestContent((String) null, streamed.in());
        };
    }

    private static Map<String, List<String>> headers(Response response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : response.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    /** The whole body in memory, up to a cap; the reference on the pool is given back at the end. */
    private static final class Buffering extends CompletableResponseListener {
        private final RoutePool pool;

        Buffering(Request request, int maxBytes, RoutePool pool) {
            super(request, maxBytes);
            this.pool = pool;
        }

        @Override
        public void onComplete(Result result) {
            completeThenRelease(() -> super.onComplete(result), pool);
        }
    }

    /** Gives the request's reference on its pool back when the exchange is over, however it ended. */
    private static final class Listener extends InputStreamResponseListener {
        private final RoutePool pool;

        Listener(RoutePool pool) {
            this.pool = pool;
        }

        @Override
        public void onComplete(Result result) {
            completeThenRelease(() -> super.onComplete(result), pool);
        }
    }

    /**
     * Jetty's own completion first (it hands the caller the response or its failure), then the
     * reference on the pool back, even when the completion threw. In this order, and in the response
     * listener's own {@code onComplete}: a pool released before the caller was told could be closed
     * under a response the caller is about to read (a live change retires pools under load).
     */
    private static void completeThenRelease(Runnable complete, RoutePool pool) {
        try {
            complete.run();
        } finally {
            pool.release();
        }
    }
}
