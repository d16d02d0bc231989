package org.proxyconfig.adapters.egress;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a {@code text/event-stream} one event at a time, as the bytes arrive: {@link #next()}
 * returns as soon as the blank line that ends an event has been read, so a caller streaming an LLM
 * completion sees each token event when the server flushed it, not when the stream ends.
 *
 * <p>The rules are those of the HTML standard (section "Parsing an event stream"): lines end with
 * CRLF, LF or CR; a line starting with {@code :} is a comment; {@code field: value} loses one space
 * after the colon; a line without a colon is a field with an empty value; {@code data} lines are
 * joined with {@code \n}; an event without data is not dispatched; an {@code id} containing NUL is
 * ignored; unknown fields (and {@code retry}, which only a reconnecting browser needs) are ignored.
 * A line longer than {@link #MAX_LINE_BYTES} is an error rather than unbounded memory.
 */
public final class ServerSentEvents implements AutoCloseable {

    /** The longest line accepted: far above any token event, far below what could exhaust memory. */
    public static final int MAX_LINE_BYTES = 1024 * 1024;

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean skipNextLf;
    private String lastEventId = "";
    private boolean atStart = true;

    public ServerSentEvents(InputStream in) {
        // A buffered read returns what has arrived, not a full buffer: no event waits for the next.
        this.in = new BufferedInputStream(Objects.requireNonNull(in, "in"));
    }

    /** The next event, or empty at the end of the stream (an unfinished last event is dropped, as the standard says). */
    public Optional<ServerSentEvent> next() throws IOException {
        StringBuilder data = null;
        String event = "";
        String line;
        while ((line = readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(new ServerSentEvent(event.isEmpty() ? "message" : event, data.toString(), lastEventId));
                }
                event = "";
                continue;
            }
            if (line.charAt(0) == ':') continue;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + (line.startsWith(" ", colon + 1) ? 2 : 1));
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "event" -> event = value;
                case "id" -> {
                    if (value.indexOf('\0') < 0) lastEventId = value;
                }
                default -> { }
            }
        }
        return Optional.empty();
    }

    /** One line without its end, or null at the end of the stream (a last line without an end is dropped). */
    private String readLine() throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != -1) {
            if (atStart) {
                atStart = false;
                if (b == 0xEF && skipByteOrderMark()) continue;
            }
            if (skipNextLf) {
                skipNextLf = false;
                if (b == '\n') continue;
            }
            if (b == '\n' || b == '\r') {
                skipNextLf = b == '\r';
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new IOException("an event-stream line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        return null;
    }

    /** The stream may start with a UTF-8 byte order mark, which is not part of the first line. */
    private boolean skipByteOrderMark() throws IOException {
        in.mark(2);
        if (in.read() == 0xBB && in.read() == 0xBF) return true;
        in.reset();
        return false;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
