package org.proxyconfig.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads a JSON request body within the size limit: 415 unless the body is declared
 * {@code application/json} in UTF-8, 413 past {@value #MAX_BODY_BYTES} bytes, whether the client
 * declared the length or streamed the body in chunks.
 */
public final class JsonBodies {

    /** Bodies over 64 KiB are refused (docs/openapi.yaml, 413). */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private JsonBodies() {
    }

    public static byte[] read(ServerRequest req) {
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isEmpty() || !type.get().test(MediaTypes.APPLICATION_JSON)
                || !type.get().charset().map(c -> c.equalsIgnoreCase("utf-8")).orElse(true)) {
            throw HttpProblem.unsupportedMediaType(req.headers().first(HeaderNames.CONTENT_TYPE).orElse(""));
        }
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > MAX_BODY_BYTES) {
            throw HttpProblem.payloadTooLarge(MAX_BODY_BYTES);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            // The declared length, when there is one: asking for the limit would allocate 16 KiB
            // buffers for a 200-byte body on every PUT. A chunked body is read up to the limit + 1.
            byte[] body = in.readNBytes(declared >= 0 ? (int) declared : MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw HttpProblem.payloadTooLarge(MAX_BODY_BYTES);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
