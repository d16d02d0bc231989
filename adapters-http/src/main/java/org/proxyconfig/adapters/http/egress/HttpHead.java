package org.proxyconfig.adapters.http.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status line and header fields of an HTTP/1.x response, read without consuming a byte past
 * the blank line (after a CONNECT, what follows belongs to the tunnel).
 *
 * @param headers field names lower-cased, values trimmed, in arrival order
 */
record HttpHead(String version, int status, String reason, Map<String, List<String>> headers) {

    static final int MAX_HEAD_BYTES = 64 * 1024;

    Optional<String> first(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The reason phrase as safe to quote in a message: printable ASCII, at most 64 characters. */
    String printableReason() {
        String r = reason.replaceAll("[^\\x20-\\x7e]", "?");
        return r.length() > 64 ? r.substring(0, 64) + "..." : r;
    }

    /**
     * @throws HeadException when the bytes are not an HTTP/1.x response head, or the stream ends
     *                       before the blank line
     */
    static HttpHead read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        List<String> lines = new ArrayList<>();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new HeadException(total == 0 ? "the connection was closed before any answer"
                        : "the connection was closed in the middle of the answer");
            }
            if (++total > MAX_HEAD_BYTES) throw new HeadException("the answer's header is larger than 64 KiB");
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                line.reset();
                if (text.isEmpty()) {
                    if (lines.isEmpty()) continue; // tolerate a stray CRLF before the status line
                    return parse(lines);
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
    }

    private static HttpHead parse(List<String> lines) throws HeadException {
        String statusLine = lines.getFirst();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new HeadException("the answer is not an HTTP/1.x response");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new HeadException("the answer's status code is not a number");
        }
        if (status < 100 || status > 999) throw new HeadException("the answer's status code is not valid");
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String field : lines.subList(1, lines.size())) {
            int colon = field.indexOf(':');
            if (colon <= 0) throw new HeadException("the answer has a malformed header field");
            headers.computeIfAbsent(field.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(field.substring(colon + 1).trim());
        }
        return new HttpHead(statusLine.substring(0, 8), status, reason, headers);
    }

    /** The bytes received are not a response head. */
    static final class HeadException extends IOException {
        HeadException(String message) {
            super(message);
        }
    }
}
