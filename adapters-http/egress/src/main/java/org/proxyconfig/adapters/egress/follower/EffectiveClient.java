package org.proxyconfig.adapters.egress.follower;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.proxyconfig.domain.Secret;

/**
 * One long poll of {@code GET {base}/api/proxy-config/effective} on the JDK's {@link HttpClient}.
 *
 * <p>The client is built with {@link HttpClient.Builder#NO_PROXY}: a service that installs the
 * follower's own {@code ProxySelector} bridge as the JVM default would otherwise ask the follower
 * how to reach the server before it knows any configuration, and fail closed forever. HTTP/1.1,
 * because one long-held request gains nothing from HTTP/2 and HTTP/1.1 needs no upgrade dance on
 * plain {@code http://}. The request is sent asynchronously so that {@link #close()} (or an
 * interrupt) can abort a request the server is holding, instead of waiting out the poll.
 */
final class EffectiveClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Beyond the wait: time for the server to answer once the wait ends, and for a slow network. */
    static final Duration ANSWER_MARGIN = Duration.ofSeconds(15);

    private final URI effective;
    private final String authority;
    private final Secret token;
    private final HttpClient http;
    private final EffectiveAnswers answers;

    EffectiveClient(URI base, Secret token, SSLContext tls) {
        String b = base.toString();
        this.effective = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/api/proxy-config/effective");
        this.authority = base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        this.token = token;
        this.answers = new EffectiveAnswers(token);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY);
        if (tls != null) builder.sslContext(tls);
        this.http = builder.build();
    }

    /**
     * Asks for the configuration in force. With a revision held, the request is conditional; with
     * a {@code wait} too, it asks the server to hold it up to then for a newer revision. Otherwise
     * it is answered at once.
     *
     * @param held the revision held, or {@link FollowerState#NO_REVISION}
     * @param wait how long the server may hold a conditional request; zero for an answer at once
     * @throws InterruptedException when the follower is closing; the request is then aborted
     */
    Answer poll(long held, Duration wait) throws InterruptedException {
        boolean conditional = held != FollowerState.NO_REVISION;
        Duration holdFor = conditional ? wait : Duration.ZERO;
        HttpRequest.Builder request = HttpRequest.newBuilder(holdFor.isZero() ? effective : URI.create(effective + "?wait=" + holdFor.toSeconds()))
                .GET()
                .timeout(holdFor.plus(ANSWER_MARGIN))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token.reveal());
        if (conditional) request.header("If-None-Match", "\"" + held + "\"");
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IllegalStateException closed) {
            throw new InterruptedException("the follower's HTTP client is closed");
        }
        try {
            HttpResponse<byte[]> response = exchange.get();
            return answers.read(response.statusCode(), response.headers().firstValue("ETag"), response.body());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (CancellationException e) {
            throw new InterruptedException("the request was cancelled");
        } catch (ExecutionException e) {
            return new Answer.Failed(answers.scrub(describe(e.getCause(), holdFor)));
        }
    }

    /** A failed exchange in words: what it was and where, never a header of the request. */
    private String describe(Throwable failure, Duration wait) {
        String detail = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        return switch (failure) {
            case HttpConnectTimeoutException e -> "cannot connect to " + authority + " within " + CONNECT_TIMEOUT.toSeconds() + " s";
            case HttpTimeoutException e -> "no answer from " + authority + " within " + wait.plus(ANSWER_MARGIN).toSeconds() + " s";
            case ConnectException e -> "cannot connect to " + authority + detail;
            case SSLException e -> "TLS with " + authority + " failed" + detail;
            case IOException e -> "the exchange with " + authority + " failed: " + e.getClass().getSimpleName() + detail;
            default -> "the exchange with " + authority + " failed: " + failure.getClass().getSimpleName() + detail;
        };
    }

    /** Aborts a request in flight and releases the client's threads and connections. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
