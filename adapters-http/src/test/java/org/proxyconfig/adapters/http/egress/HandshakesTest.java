package org.proxyconfig.adapters.http.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.proxyconfig.adapters.http.RawHttp;
import org.proxyconfig.domain.EgressFailure;
import org.proxyconfig.domain.Secret;

/** The CONNECT and SOCKS5 handshakes byte by byte, against scripted fake proxies. */
class HandshakesTest {

    private static final Secret PASSWORD = Secret.of("s3cret-Pw");

    // ---- HTTP CONNECT -------------------------------------------------------------------------

    @Test
    void connectSendsTheAuthorityAndBasicCredentialsAndOpensOn2xx() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        try (FakeProxy proxy = new FakeProxy((in, out) -> {
            request.set(RawHttp.readHead(in));
            out.write("HTTP/1.1 200 Connection established\r\n\r\ntunnel-bytes".getBytes(StandardCharsets.US_ASCII));
        }); Socket socket = proxy.connect()) {
            HttpConnectHandshake.open(socket, "http://proxy:1", "API.example.com", 443, "gw", PASSWORD, Deadline.inSeconds(5));
            proxy.awaitScript();

            assertThat(request.get()).isEqualTo("CONNECT api.example.com:443 HTTP/1.1\r\nHost: api.example.com:443\r\n"
                    + "Proxy-Authorization: Basic " + base64("gw:s3cret-Pw") + "\r\n\r\n");
            assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .as("nothing after the head was consumed").isEqualTo("tunnel-bytes");
        }
    }

    @Test
    void connectToAnIpv6TargetBracketsItAndSendsNoCredentialsWithoutAUsername() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        try (FakeProxy proxy = new FakeProxy((in, out) -> {
            request.set(RawHttp.readHead(in));
            out.write("HTTP/1.0 200 OK\r\nX: y\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }); Socket socket = proxy.connect()) {
            HttpConnectHandshake.open(socket, "http://proxy:1", "[2001:db8::1]", 8443, "", Secret.NONE, Deadline.inSeconds(5));
            proxy.awaitScript();

            assertThat(request.get()).isEqualTo("CONNECT [2001:db8::1]:8443 HTTP/1.1\r\nHost: [2001:db8::1]:8443\r\n\r\n");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "407 Proxy Authentication Required, PROXY_AUTH_REQUIRED",
            "401 Unauthorized, PROXY_AUTH_REQUIRED",
            "403 Forbidden, PROXY_REFUSED",
            "502 Bad Gateway, PROXY_REFUSED"})
    void aConnectRefusalIsAnErrorThatNeverQuotesTheCredentials(String statusLine, EgressFailure kind) throws Exception {
        try (FakeProxy proxy = new FakeProxy((in, out) -> {
            RawHttp.readHead(in);
            out.write(("HTTP/1.1 " + statusLine + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }); Socket socket = proxy.connect()) {
            EgressException e = catchThrowableOfType(EgressException.class, () -> HttpConnectHandshake.open(
                    socket, "http://proxy:1", "api.example.com", 443, "gw", PASSWORD, Deadline.inSeconds(5)));

            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.viaProxy()).isTrue();
            assertThat(e.getMessage()).contains(statusLine.substring(0, 3)).contains("http://proxy:1")
                    .doesNotContain("s3cret-Pw").doesNotContain(base64("gw:s3cret-Pw"));
        }
    }

    @Test
    void aProxyThatClosesOrSpeaksGarbageIsAnUpstreamError() throws Exception {
        try (FakeProxy proxy = new FakeProxy((in, out) -> {
            RawHttp.readHead(in);
            out.write("SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }); Socket socket = proxy.connect()) {
            EgressException e = catchThrowableOfType(EgressException.class, () -> HttpConnectHandshake.open(
                    socket, "http://proxy:1", "a.example", 443, "", Secret.NONE, Deadline.inSeconds(5)));

            assertThat(e.kind()).isEqualTo(EgressFailure.UPSTREAM_ERROR);
        }
    }

    @Test
    void aSilentProxyTimesOut() throws Exception {
        try (FakeProxy proxy = new FakeProxy((in, out) -> {
            RawHttp.readHead(in);
            in.read(); // never answers; returns when the client gives up
        }); Socket socket = proxy.connect()) {
            EgressException e = catchThrowableOfType(EgressException.class, () -> HttpConnectHandshake.open(
                    socket, "http://proxy:1", "a.example", 443, "", Secret.NONE, Deadline.inSeconds(1)));

            assertThat(e.kind()).isEqualTo(EgressFailure.TIMEOUT);
        }
    }

    // ---- SOCKS5 -------------------------------------------------------------------------------

    @Test
    void socks5hAuthenticatesWithUsernameAndPasswordAndSendsTheNameForTheProxyToResolve() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (FakeProxy proxy = new FakeProxy((in, out) -> {
            received.writeBytes(in.readNBytes(4));              // 05 02 00 02
            out.write(new byte[] {5, 2});
            int[] lengths = new int[2];
            received.writeBytes(in.readNBytes(2));              // 01 ulen
            byte[] user = in.readNBytes(2);
            received.writeBytes(user);
            int plen = in.read();
            received.write(plen);
            received.writeBytes(in.readNBytes(plen));
            out.write(new byte[] {1, 0});
            received.writeBytes(in.readNBytes(5));              // 05 01 00 03 len
            byte[] name = in.readNBytes(received.toByteArray()[received.size() - 1] & 0xFF);
            received.writeBytes(name);
            received.writeBytes(in.readNBytes(2));              // port
            out.write(new byte[] {5, 0, 0, 3, 4, 'p', 'r', 'x', 'y', 0x04, 0x38}); // bound address as a name
        }); Socket socket = proxy.connect()) {
            Socks5Handshake.open(socket, "socks5h://proxy:1", "api.example.com", 443, true, "gw", PASSWORD, Deadline.inSeconds(5));
            proxy.awaitScript();

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(new byte[] {5, 2, 0, 2, 1, 2, 'g', 'w', 9});
            expected.writeBytes("s3cret-Pw".getBytes(StandardCharsets.US_ASCII));
            expected.writeBytes(new byte[] {5, 1, 0, 3, 15});
            expected.writeBytes("api.example.com".getBytes(StandardCharsets.US_ASCII));
            expected.writeBytes(new byte[] {1, (byte) 0xBB});
            assertThat(received.toByteArray()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void socks5ResolvesHereAndSendsAnAddressWithoutAuthWhenNoUsername() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (FakeProxy proxy = new FakeProxy((in, out) -> {
            received.writeBytes(in.readNBytes(3));              // 05 01 00
            out.write(new byte[] {5, 0});
            received.writeBytes(in.readNBytes(10));             // 05 01 00 01 a.b.c.d port
            out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0x04, 0x38});
        }); Socket socket = proxy.connect()) {
            Socks5Handshake.open(socket, "socks5://proxy:1", "127.0.0.1", 8080, false, "", Secret.NONE, Deadline.inSeconds(5));
            proxy.awaitScript();

            assertThat(received.toByteArray()).isEqualTo(new byte[] {5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, 0x1F, (byte) 0x90});
        }
    }

    @Test
    void aRejectedSocksLoginIsAnAuthErrorThatNeverQuotesThePassword() throws Exception {
        try (FakeProxy proxy = new FakeProxy((in, out) -> {
            in.readNBytes(4);
            out.write(new byte[] {5, 2});
            in.readNBytes(2 + 2 + 1 + 9);
            out.write(new byte[] {1, 1});
        }); Socket socket = proxy.connect()) {
            EgressException e = catchThrowableOfType(EgressException.class, () -> Socks5Handshake.open(
                    socket, "socks5://proxy:1", "a.example", 443, true, "gw", PASSWORD, Deadline.inSeconds(5)));

            assertThat(e.kind()).isEqualTo(EgressFailure.SOCKS_AUTH_REJECTED);
            assertThat(e.getMessage()).doesNotContain("s3cret-Pw");
        }
    }

    @Test
    void aSocksProxyThatWantsCredentialsWeDoNotHaveIsAnAuthError() throws Exception {
        try (FakeProxy proxy = new FakeProxy((in, out) -> {
            in.readNBytes(3);
            out.write(new byte[] {5, (byte) 0xFF});
        }); Socket socket = proxy.connect()) {
            EgressException e = catchThrowableOfType(EgressException.class, () -> Socks5Handshake.open(
                    socket, "socks5://proxy:1", "a.example", 443, true, "", Secret.NONE, Deadline.inSeconds(5)));

            assertThat(e.kind()).isEqualTo(EgressFailure.SOCKS_AUTH_REJECTED);
            assertThat(e.getMessage()).contains("requires a username and password");
        }
    }

    @ParameterizedTest(name = "reply {0}")
    @CsvSource({"1, general SOCKS server failure", "2, not allowed by ruleset", "5, connection refused"})
    void aSocksErrorReplyIsARefusalInWords(int code, String words) throws Exception {
        try (FakeProxy proxy = new FakeProxy((in, out) -> {
            in.readNBytes(3);
            out.write(new byte[] {5, 0});
            in.readNBytes(5 + 9 + 2);
            out.write(new byte[] {5, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0});
        }); Socket socket = proxy.connect()) {
            EgressException e = catchThrowableOfType(EgressException.class, () -> Socks5Handshake.open(
                    socket, "socks5h://proxy:1", "a.example", 443, true, "", Secret.NONE, Deadline.inSeconds(5)));

            assertThat(e.kind()).isEqualTo(EgressFailure.PROXY_REFUSED);
            assertThat(e.getMessage()).contains(words);
        }
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
