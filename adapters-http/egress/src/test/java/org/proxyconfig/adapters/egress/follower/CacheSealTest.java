package org.proxyconfig.adapters.egress.follower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.proxyconfig.domain.Secret;

class CacheSealTest {

    private static final byte[] JSON = "{\"password\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8);
    private final CacheSeal seal = CacheSeal.forToken(Secret.of("token-one"));

    @Test
    void opensWhatItSealed() {
        CacheSeal.Opened opened = seal.open(seal.seal(42, JSON));

        assertThat(opened.revision()).isEqualTo(42);
        assertThat(opened.configJson()).isEqualTo(JSON);
    }

    @Test
    void sealsTheSameContentDifferentlyEachTime() {
        assertThat(seal.seal(1, JSON)).isNotEqualTo(seal.seal(1, JSON));
    }

    @Test
    void doesNotOpenUnderAnotherToken() {
        byte[] sealed = seal.seal(1, JSON);

        assertThatThrownBy(() -> CacheSeal.forToken(Secret.of("token-two")).open(sealed))
                .isInstanceOf(CacheSeal.UnreadableCacheException.class).hasMessageContaining("another token");
    }

    @Test
    void doesNotOpenOnceAnyByteChanged() {
        byte[] sealed = seal.seal(1, JSON);
        for (int i = 0; i < sealed.length; i++) {
            byte[] changed = Arrays.copyOf(sealed, sealed.length);
            changed[i] ^= 0x40;
            assertThatThrownBy(() -> seal.open(changed)).as("byte %d changed", i)
                    .isInstanceOf(CacheSeal.UnreadableCacheException.class);
        }
    }

    @Test
    void doesNotOpenATruncatedFile() {
        byte[] sealed = seal.seal(1, JSON);

        assertThatThrownBy(() -> seal.open(Arrays.copyOf(sealed, sealed.length - 1)))
                .isInstanceOf(CacheSeal.UnreadableCacheException.class);
        assertThatThrownBy(() -> seal.open(new byte[3])).isInstanceOf(CacheSeal.UnreadableCacheException.class);
    }
}
