package org.proxyconfig.adapters.egress;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.proxyconfig.domain.RouteDecision;

/**
 * A response read whole (up to the client's cap). For a body that should reach the caller as it
 * arrives (a token stream), use {@link OutboundHttpClient#open} instead.
 *
 * @param headers  field names lower-cased
 * @param route    how the request was routed, for logs and tests
 * @param protocol the protocol the connection spoke: {@code HTTP/1.1} or {@code HTTP/2.0}
 */
public record OutboundResponse(int status, Map<String, List<String>> headers, byte[] body, RouteDecision route,
                               String protocol) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
