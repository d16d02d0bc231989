package org.proxyconfig.bootstrap.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare HTTP/1.1 exchange on a fresh socket: sends exactly the bytes given (so a test can send
 * what no well-behaved client would) and reads one response, bounded in time.
 */
final class RawHttp {

    record Response(int status, String head, String body) {
    }

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
    private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");
    private static final Pattern CHUNKED = Pattern.compile("(?im)^transfer-encoding:\\s*chunked");

    private RawHttp() {
    }

    static Response exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000); // a hang fails the test instead of stalling it
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException serverClosedEarly) {
                // The server may answer and close before reading an oversize body: read what it said.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) throw new IOException("connection closed before a complete response head");
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            Matcher status = STATUS.matcher(headText);
            if (!status.find()) throw new IOException("not an HTTP response: " + headText);
            byte[] body;
            Matcher length = LENGTH.matcher(headText);
            if (length.find()) {
                body = in.readNBytes(Integer.parseInt(length.group(1)));
            } else if (CHUNKED.matcher(headText).find()) {
                body = readChunked(in);
            } else {
                body = new byte[0];
            }
            return new Response(Integer.parseInt(status.group(1)), headText, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                line(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
