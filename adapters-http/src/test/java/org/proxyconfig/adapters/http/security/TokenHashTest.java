package org.proxyconfig.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The credential digest: SHA-256, and one digest per call however many requests hash at once. */
class TokenHashTest {

    private static final String ABC_SHA_256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2 example

    @Test
    void isTheSha256OfTheCredential() {
        assertThat(HexFormat.of().formatHex(TokenHash.of("abc"))).isEqualTo(ABC_SHA_256);
    }

    /**
     * Hashed at once, then each digest checked against a SHA-256 of its own input made apart: a
     * shared digest damages any of them, not only the {@code "abc"} ones counted below.
     */
    @Test
    void concurrentHashesDoNotShareADigest() throws Exception {
        List<String> credentials = IntStream.range(0, 20_000)
                .mapToObj(i -> i % 2 == 0 ? "abc" : "pc_another-token-" + i).toList();
        List<String> hashed = credentials.parallelStream().map(c -> HexFormat.of().formatHex(TokenHash.of(c))).toList();

        MessageDigest alone = MessageDigest.getInstance("SHA-256");
        List<String> notTheirOwn = new ArrayList<>();
        for (int i = 0; i < credentials.size(); i++) {
            String expected = HexFormat.of().formatHex(alone.digest(credentials.get(i).getBytes(StandardCharsets.UTF_8)));
            if (!hashed.get(i).equals(expected)) notTheirOwn.add(credentials.get(i));
        }
        assertThat(notTheirOwn).as("credentials hashed to another digest than their own").isEmpty();
        assertThat(hashed.stream()
                .filter(hex -> !hex.equals(ABC_SHA_256))
                .count()).isEqualTo(10_000);
    }
}
