package org.proxyconfig.adapters.http.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedBodyTest {

    @Test
    void decodesChunksWithExtensionsAndIgnoresTrailers() throws IOException {
        byte[] body = ChunkedBody.read(in("5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\nNEXT"), 100);

        assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("hello 0123456789");
    }

    @Test
    void refusesABodyOverTheCap() {
        assertThatThrownBy(() -> ChunkedBody.read(in("a\r\n0123456789\r\n0\r\n\r\n"), 9))
                .isInstanceOf(ChunkedBody.TooLargeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\n", "5\r\nhel", "5\r\nhelloXX0\r\n\r\n", "", "123456789\r\n"})
    void refusesBrokenFraming(String text) {
        assertThatThrownBy(() -> ChunkedBody.read(in(text), 1000)).isInstanceOf(ChunkedBody.MalformedException.class);
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }
}
