package org.proxyconfig.adapters.http.egress;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.proxyconfig.domain.RouteDecision;

/**
 * A response as received.
 *
 * @param headers field names lower-cased
 * @param route   how the request was routed, for logs and tests
 */
public record OutboundResponse(int status, String reason, Map<String, List<String>> headers, byte[] body,
                               RouteDecision route) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
