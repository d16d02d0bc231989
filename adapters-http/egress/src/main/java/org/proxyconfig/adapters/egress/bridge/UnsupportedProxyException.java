package org.proxyconfig.adapters.egress.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Thrown from {@link RoutingProxySelector#select}: the configuration sends the request through a
 * proxy that this client cannot use, and answering anything at all would send it direct.
 *
 * <p>Unchecked because {@code select} cannot throw an {@code IOException}; an
 * {@link UncheckedIOException} because that is what it is, and because each client lets it out
 * of the request unchanged (the JDK HttpClient's {@code send}/{@code sendAsync},
 * {@code HttpURLConnection.connect}/{@code getInputStream}, OkHttp's {@code execute}), so the
 * request fails with this message. The message names the proxy by its URL, which never holds
 * credentials.
 */
public final class UnsupportedProxyException extends UncheckedIOException {

    public UnsupportedProxyException(String message) {
        super(message, new IOException(message));
    }
}
