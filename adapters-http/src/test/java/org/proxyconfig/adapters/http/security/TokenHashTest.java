package org.proxyconfig.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The credential digest: SHA-256, and one digest per call however many requests hash at once. */
class TokenHashTest {

    private static final String ABC_SHA_256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2 example

    @Test
    void isTheSha256OfTheCredential() {
        assertThat(HexFormat.of().formatHex(TokenHash.of("abc"))).isEqualTo(ABC_SHA_256);
    }

    @Test
    void concurrentHashesDoNotShareADigest() {
        assertThat(IntStream.range(0, 20_000).parallel()
                .mapToObj(i -> HexFormat.of().formatHex(TokenHash.of(i % 2 == 0 ? "abc" : "pc_another-token-" + i)))
                .filter(hex -> !hex.equals(ABC_SHA_256))
                .count()).isEqualTo(10_000);
    }
}
