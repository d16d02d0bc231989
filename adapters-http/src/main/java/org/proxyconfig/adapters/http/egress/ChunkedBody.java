package org.proxyconfig.adapters.http.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Decodes a {@code Transfer-Encoding: chunked} body (RFC 9112 §7.1), extensions and trailers ignored. */
final class ChunkedBody {

    private static final int MAX_LINE = 4096;

    private ChunkedBody() {
    }

    /**
     * @throws TooLargeException  when the decoded body would exceed {@code maxBytes}
     * @throws MalformedException when the framing is broken or the stream ends early
     */
    static byte[] read(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new MalformedException("a chunk size is not a hexadecimal number");
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailer fields: not used
                }
                return body.toByteArray();
            }
            if (body.size() + size > maxBytes) throw new TooLargeException();
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) throw new MalformedException("the connection was closed in the middle of a chunk");
            body.writeBytes(chunk);
            if (!line(in).isEmpty()) throw new MalformedException("a chunk is not followed by CRLF");
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(16);
        while (true) {
            int b = in.read();
            if (b < 0) throw new MalformedException("the connection was closed in the middle of the chunked body");
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) throw new MalformedException("a chunk line is longer than 4 KiB");
            line.write(b);
        }
    }

    static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    static final class TooLargeException extends IOException {
        TooLargeException() {
            super("the body is larger than the cap");
        }
    }
}
