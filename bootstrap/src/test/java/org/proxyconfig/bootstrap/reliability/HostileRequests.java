package org.proxyconfig.bootstrap.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates requests no honest client sends, from a seed (so a failure can be replayed): broken,
 * truncated and deeply nested JSON, huge numbers and strings, invalid UTF-8, duplicate keys,
 * nulls and wrong types, oversize bodies, wrong content types, bad URLs and no_proxy entries,
 * header injection attempts, odd methods and paths. Every one is well-formed enough at the HTTP
 * level to reach the server; each must get a 4xx BifrostError.
 */
final class HostileRequests {

    private static final String PATH = "/api/proxy-config";
    private static final String VALID = "{\"enabled\":true,\"type\":\"http\",\"url\":\"http://proxy.example:3128\","
            + "\"username\":\"u\",\"password\":\"p\",\"no_proxy\":\".corp.example\",\"timeout\":10}";

    private final Random random;
    private final String authorization;

    HostileRequests(long seed, String authorization) {
        this.random = new Random(seed);
        this.authorization = authorization;
    }

    /** One hostile request, and what kind it is (for the failure message). */
    record Hostile(String kind, byte[] bytes) {
    }

    private final List<Function<Random, Hostile>> kinds = List.of(
            r -> put("truncated JSON", VALID.substring(0, r.nextInt(VALID.length() - 1))),
            r -> put("deep nesting", "{\"x\":" + "[".repeat(100 + r.nextInt(5000)) + "]".repeat(10) + "}"),
            r -> put("huge number", "{\"timeout\":" + "9".repeat(5 + r.nextInt(5000)) + "}"), // 99999 and up: never valid
            r -> put("huge exponent", "{\"timeout\":1e" + (1000 + r.nextInt(1_000_000)) + "}"),
            r -> put("fraction", "{\"timeout\":" + r.nextInt(100) + "." + (1 + r.nextInt(9)) + "}"),
            r -> put("negative", "{\"timeout\":-" + (1 + r.nextInt(100000)) + "}"),
            r -> put("huge string", "{\"url\":\"" + "a".repeat(60_000 + r.nextInt(5000)) + "\"}"),
            r -> putBytes("invalid UTF-8", concat("{\"username\":\"".getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) (0x80 + r.nextInt(0x7f)), (byte) 0xFF, 0x28}, "\"}".getBytes(StandardCharsets.UTF_8))),
            r -> put("duplicate key", "{\"url\":\"a.example:1\",\"url\":\"b.example:2\"}"),
            r -> put("nested duplicate key", "{\"x\":{\"k\":1,\"k\":2}}"),
            r -> put("wrong type", "{\"" + pick(r, "enabled", "timeout", "url", "type", "no_proxy", "skip_tls_verify")
                    + "\":" + pick(r, "\"yes\"", "[]", "{}", "1.5", "true", "12") + ",\"enabled\":\"no\"}"),
            r -> put("not an object", pick(r, "[]", "null", "\"x\"", "42", "true", "[{}]", " ", "{}}", "{\"a\":1}{")),
            r -> put("garbage", randomAscii(r, 1 + r.nextInt(200))),
            r -> put("bad url", "{\"enabled\":true,\"url\":\"" + pick(r, "ftp://p:21", "http://u:p@host:1", "http://h:0",
                    "http://h:65536", "http://h/path", "http://h?q=1", "http://h#f", "http://0.0.0.0:80",
                    "http://169.254.169.254", "socks5://h:1", "http://[::1", "http://exa mple:1", ":80", "http://")
                    + "\"}"),
            r -> put("bad no_proxy", "{\"no_proxy\":\"" + pick(r, "exa mple.com", "10.0.0.0/33", "10.1.2.3/8",
                    "*.", "..", ".corp:0", "[::1", "1.2.3.4.5", "*x", "a,,b,c d", "fd00::/129", ".0.0.1") + "\"}"),
            r -> put("control characters", "{\"username\":\"u\\r\\nProxy-Authorization: x\",\"password\":\"p\"}"),
            r -> put("password without user", "{\"password\":\"p" + r.nextInt() + "\"}"),
            r -> put("exfiltration", "{\"enabled\":true,\"url\":\"evil" + r.nextInt(1000)
                    + ".example:3128\",\"username\":\"u\",\"password\":\"<redacted>\"}"),
            r -> put("timeout out of range", "{\"timeout\":" + (3601 + r.nextInt(1_000_000)) + "}"),
            r -> put("bad type", "{\"type\":\"" + pick(r, "HTTP ", "https", "socks4", "", "tcp\\u0000") + "\"}"),
            r -> request("oversize body", "PUT", PATH, "application/json", "{\"no_proxy\":\"" + "a".repeat(70_000) + "\"}"),
            r -> request("wrong content type", "PUT", PATH, pick(r, "text/plain", "application/xml",
                    "application/json; charset=latin1", "multipart/form-data"), VALID),
            r -> request("odd method", pick(r, "DELETE", "PATCH", "POST", "OPTIONS"), PATH, "application/json", VALID),
            r -> request("unknown path", "GET", pick(r, "/api/proxy-config/x", "/api/../etc/passwd", "/api/proxy-config/history/abc/restore",
                    "/api/proxy-config/history/0/restore", "/nope"), null, null),
            r -> request("bad history query", "GET", PATH + "/history?limit=" + pick(r, "0", "-1", "1000", "x", ""), null, null),
            r -> request("stale If-Match", "PUT", PATH, "application/json", VALID, "If-Match: \"" + (1000 + r.nextInt(1000)) + "\""),
            r -> request("foreign If-Match", "PUT", PATH, "application/json", VALID, "If-Match: " + pick(r, "W/\"1\"", "\"x\"", "abc")));

    Hostile next() {
        return kinds.get(random.nextInt(kinds.size())).apply(random);
    }

    private Hostile put(String kind, String json) {
        return request(kind, "PUT", PATH, "application/json", json);
    }

    private Hostile putBytes(String kind, byte[] body) {
        return new Hostile(kind, concat(head("PUT", PATH, "application/json", body.length, null), body));
    }

    private Hostile request(String kind, String method, String path, String contentType, String body) {
        return request(kind, method, path, contentType, body, null);
    }

    private Hostile request(String kind, String method, String path, String contentType, String body, String extraHeader) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return new Hostile(kind, concat(head(method, path, contentType, body == null ? -1 : bytes.length, extraHeader), bytes));
    }

    private byte[] head(String method, String path, String contentType, int length, String extraHeader) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Authorization: ").append(authorization).append("\r\nConnection: close\r\n");
        if (contentType != null) head.append("Content-Type: ").append(contentType).append("\r\n");
        if (length >= 0) head.append("Content-Length: ").append(length).append("\r\n");
        if (extraHeader != null) head.append(extraHeader).append("\r\n");
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static String randomAscii(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append((char) (0x20 + r.nextInt(0x5f)));
        return sb.toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
