package org.proxyconfig.adapters.egress;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A target like an LLM provider's: HTTPS offering HTTP/2 and HTTP/1.1 by ALPN, plus clear-text
 * HTTP/1.1, on this machine's non-loopback address (so routing treats it as remote). It answers
 * with the protocol it saw ({@code /protocol}, and {@code /one-write} in a single write), streams Server-Sent Events that wait for the test
 * between the first event and the rest ({@code /sse/<id>}) or pause a second there and note when the
 * first was flushed ({@code /sse-timed/<id>}, for the egress benchmark), counts a request body as it
 * streams in ({@code /count}) and sends large bodies ({@code /big/<MiB>}). Public for the benchmark in
 * {@code ...egress.bench}, which uses only the clients' public API.
 */
public final class H2Target implements AutoCloseable {

    /** How long an event stream waits for the test before it gives up (and says so in its last event). */
    private static final long GATE_SECONDS = 10;

    private final Server server = new Server();
    private final ServerConnector tls;
    private final ServerConnector clear;
    private final String ip;
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, Long> flushes = new ConcurrentHashMap<>();

    public H2Target(TestPki pki) {
        ip = TestPki.nonLoopbackAddress().getHostAddress();
        HttpConfiguration config = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer(false);
        config.addCustomizer(secure);
        SslContextFactory.Server keys = new SslContextFactory.Server();
        keys.setKeyStore(pki.keyStore);
        keys.setKeyStorePassword(new String(TestPki.PASSWORD));
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(config);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http11.getProtocol());
        tls = new ServerConnector(server, new SslConnectionFactory(keys, alpn.getProtocol()), alpn, http2, http11);
        tls.setHost(ip);
        clear = new ServerConnector(server, new HttpConnectionFactory(new HttpConfiguration()));
        clear.setHost(ip);
        server.addConnector(tls);
        server.addConnector(clear);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                answer(request, response);
                callback.succeeded();
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new AssertionError("cannot start the HTTP/2 target", e);
        }
    }

    public URI https(String path) {
        return URI.create("https://" + ip + ":" + tls.getLocalPort() + path);
    }

    URI http(String path) {
        return URI.create("http://" + ip + ":" + clear.getLocalPort() + path);
    }

    public int httpsPort() {
        return tls.getLocalPort();
    }

    /** Lets the event stream {@code id} send the rest of its events. */
    void release(String id) {
        gate(id).countDown();
    }

    /**
     * The {@link System#nanoTime()} taken just before the first event of {@code /sse-timed/<id>} was
     * written and flushed (so a latency measured from it includes the server's own write), or null
     * before that.
     */
    public Long flushedAt(String id) {
        return flushes.get(id);
    }

    private CountDownLatch gate(String id) {
        return gates.computeIfAbsent(id, key -> new CountDownLatch(1));
    }

    private void answer(Request request, Response response) throws Exception {
        String path = Request.getPathInContext(request);
        String protocol = request.getConnectionMetaData().getProtocol();
        response.setStatus(200);
        if (path.equals("/one-write")) {
            // What /protocol answers, but the body and the end of the stream in one write: /protocol ends
            // its stream in a write of its own (an empty last DATA frame in HTTP/2), as a streaming server does.
            try (Blocker.Callback written = Blocker.callback()) {
                Content.Sink.write(response, true, "saw " + protocol, written);
                written.block();
            }
            return;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            if (path.startsWith("/sse/")) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
                out.write(("data: first over " + protocol + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                boolean released = gate(path.substring(5)).await(GATE_SECONDS, TimeUnit.SECONDS);
                out.write((released ? "event: done\ndata: second\ndata: third\n\n"
                        : "event: error\ndata: the test never saw the first event in time\n\n").getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/sse-timed/")) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
                byte[] first = ("data: first over " + protocol + "\n\n").getBytes(StandardCharsets.UTF_8);
                flushes.put(path.substring(11), System.nanoTime()); // before the write, which may already send
                out.write(first);
                out.flush();
                Thread.sleep(1_000);
                out.write("event: done\ndata: second\ndata: third\n\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/count")) {
                long count = 0;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    byte[] buffer = new byte[16384];
                    for (int n; (n = in.read(buffer)) != -1; ) count += n;
                }
                out.write(("counted " + count + " bytes over " + protocol).getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/big/")) {
                byte[] mebibyte = new byte[1024 * 1024];
                for (int i = Integer.parseInt(path.substring(5)); i > 0; i--) out.write(mebibyte);
            } else {
                out.write(("saw " + protocol).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
