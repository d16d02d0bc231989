package org.proxyconfig.adapters.egress;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.proxyconfig.domain.EgressFailure;
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
     * @param fresh send on a new connection of its own (a tag makes a destination of its own in
     *              Jetty, so no pooled connection can be picked): for a request sent again
     */
    static StreamingResponse open(RoutePool pool, RouteDecision decision, OutboundRequest request,
                                  EgressOptions options, boolean fresh) throws EgressException, InterruptedIOException {
        RouteProfile profile = pool.profile();
        String target = OutboundHttpClient.target(request);
        Request jetty = pool.client().newRequest(request.uri())
                .method(request.method())
                .idleTimeout(options.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(fields -> request.headers().forEach((name, values) -> values.forEach(v -> fields.add(name, v))));
        // No content at all for an empty body: a GET then carries no Content-Length.
        if (request.body() != RequestBody.EMPTY) jetty.body(content(request.body()));
        if (fresh) jetty.tag(new Object());
        Listener listener = new Listener(pool);
        jetty.send(listener);
        Response response;
        try {
            // Bounded anyway: the connect deadline and the read timeout each end the exchange first.
            response = listener.get(profile.timeoutMillis() + options.readTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            EgressException failure = Failures.classify(e.getCause(), profile, target);
            throw closedConnection(e.getCause()) ? new ClosedBeforeAnswer(failure) : failure;
        } catch (TimeoutException e) {
            jetty.abort(e);
            throw Failures.classify(e, profile, target);
        } catch (InterruptedException e) {
            jetty.abort(e);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + target);
        }
        if (response.getStatus() == 407 && !profile.isDirect() && profile.type() == ProxyType.HTTP && !request.isTls()) {
            // An absolute-form request: the 407 is the proxy's own refusal, not the target's answer.
            response.abort(new EgressException(EgressFailure.PROXY_AUTH_REQUIRED, true, "refused"));
            throw new EgressException(EgressFailure.PROXY_AUTH_REQUIRED, true, "request to " + target
                    + " through the proxy " + profile.describe() + ": the proxy answered 407 (it wants other credentials)");
        }
        return new StreamingResponse(response.getStatus(), headers(response), decision,
                response.getVersion().asString(), new ClassifiedBody(listener.getInputStream(), profile, target));
    }

    /**
     * The connection was closed before any answer came: typically a pooled connection that the
     * peer had just closed (tinyproxy closes every client connection after one response, without
     * saying so). The caller may send an idempotent request again on a new connection.
     */
    static final class ClosedBeforeAnswer extends EgressException {
        ClosedBeforeAnswer(EgressException failure) {
            super(failure.kind(), failure.viaProxy(), failure.getMessage(), failure.getCause());
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

    /** Gives the request's reference on its pool back when the exchange is over, however it ended. */
    private static final class Listener extends InputStreamResponseListener {
        private final RoutePool pool;

        Listener(RoutePool pool) {
            this.pool = pool;
        }

        @Override
        public void onComplete(Result result) {
            try {
                super.onComplete(result);
            } finally {
                pool.release();
            }
        }
    }

    /** The body as it arrives; a failure while reading it keeps its kind (a read timeout is a timeout). */
    private static final class ClassifiedBody extends FilterInputStream {
        private final RouteProfile profile;
        private final String target;

        ClassifiedBody(InputStream in, RouteProfile profile, String target) {
            super(in);
            this.profile = profile;
            this.target = target;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw Failures.classify(e, profile, target);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw Failures.classify(e, profile, target);
            }
        }
    }
}
