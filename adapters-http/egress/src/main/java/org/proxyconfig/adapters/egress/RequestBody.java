package org.proxyconfig.adapters.egress;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What an outbound request sends: nothing, bytes already in memory, or a stream read as the
 * connection takes it (a large upload never sits whole in memory). A stream is read once: a request
 * with a streamed body is sent once and never replayed.
 */
public sealed interface RequestBody {

    RequestBody EMPTY = new Bytes(new byte[0]);

    static RequestBody of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    static RequestBody of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body read from {@code in} while it is sent; its length is unknown (chunked, or HTTP/2 frames). */
    static RequestBody streamed(InputStream in) {
        return new Streamed(in);
    }

    /** Bytes in memory. */
    record Bytes(byte[] bytes) implements RequestBody {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** A stream, read once as the connection takes it. */
    record Streamed(InputStream in) implements RequestBody {
        public Streamed {
            Objects.requireNonNull(in, "in");
        }
    }
}
