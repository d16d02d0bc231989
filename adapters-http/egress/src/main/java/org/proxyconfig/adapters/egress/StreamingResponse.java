package org.proxyconfig.adapters.egress;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.proxyconfig.domain.RouteDecision;

/**
 * A response whose body is read as it arrives: {@link #body()} returns bytes as soon as the server
 * has sent them, and {@link #events()} reads a Server-Sent-Events stream event by event. Nothing is
 * buffered beyond what the reader has not consumed yet (Jetty reads more only on demand). Close it:
 * closing before the end aborts the exchange, so a connection is never reused half-read.
 *
 * @param headers field names lower-cased
 * @param protocol {@code HTTP/1.1} or {@code HTTP/2.0}
 */
public record StreamingResponse(int status, Map<String, List<String>> headers, RouteDecision route, String protocol,
                                InputStream body) implements AutoCloseable {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The body as Server-Sent Events ({@code text/event-stream}), one at a time as they arrive. */
    public ServerSentEvents events() {
        return new ServerSentEvents(body);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
