package org.proxyconfig.adapters.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class AesGcmSecretCipherTest {

    private final AesGcmSecretCipher cipher = new AesGcmSecretCipher(EncryptionKey.generate());

    @Test
    void opensWhatItSealed() {
        String sealed = cipher.seal("s3cr\u00e9t-\u2603-\uD83D\uDD11", "ctx");

        assertThat(cipher.open(sealed, "ctx")).isEqualTo("s3cr\u00e9t-\u2603-\uD83D\uDD11");
    }

    @Test
    void sealsTheSamePasswordDifferentlyEachTime() {
        String first = cipher.seal("same-password", "ctx");
        String second = cipher.seal("same-password", "ctx");

        assertThat(first).isNotEqualTo(second);
        assertThat(nonce(first)).isNotEqualTo(nonce(second));
    }

    @Test
    void aSealedValueIsVersionedBase64OfNonceCiphertextAndTag() {
        String sealed = cipher.seal("12345", "ctx");

        assertThat(sealed).startsWith("v1:").doesNotContain("12345");
        assertThat(Base64.getDecoder().decode(sealed.substring(3))).hasSize(12 + 5 + 16);
    }

    @Test
    void detectsATamperedCiphertext() {
        String sealed = cipher.seal("password", "ctx");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[14] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> cipher.open(tampered, "ctx"))
                .isInstanceOf(SealedValueException.class)
                .hasMessageContaining("another key or altered");
    }

    @Test
    void detectsATamperedNonceOrTag() {
        String sealed = cipher.seal("password", "ctx");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        byte[] nonce = bytes.clone();
        nonce[0] ^= 0x01;
        byte[] tag = bytes.clone();
        tag[tag.length - 1] ^= 0x01;

        for (byte[] changed : new byte[][] {nonce, tag}) {
            assertThatThrownBy(() -> cipher.open("v1:" + Base64.getEncoder().encodeToString(changed), "ctx"))
                    .isInstanceOf(SealedValueException.class);
        }
    }

    @Test
    void doesNotOpenUnderAnotherContext() {
        String sealed = cipher.seal("password", "proxy_config_revision.password_sealed:1");

        assertThatThrownBy(() -> cipher.open(sealed, "proxy_config_revision.password_sealed:2"))
                .isInstanceOf(SealedValueException.class);
    }

    @Test
    void doesNotOpenUnderAnotherKey() {
        String sealed = cipher.seal("password", "ctx");
        AesGcmSecretCipher other = new AesGcmSecretCipher(EncryptionKey.generate());

        assertThatThrownBy(() -> other.open(sealed, "ctx")).isInstanceOf(SealedValueException.class);
    }

    @Test
    void keepsTheEmptyPasswordEmpty() {
        assertThat(cipher.seal("", "ctx")).isEmpty();
        assertThat(cipher.open("", "ctx")).isEmpty();
        assertThat(cipher.seal("")).isEmpty();
    }

    @Test
    void sealsWithoutContextWhenNoneIsGiven() {
        assertThat(cipher.open(cipher.seal("password"))).isEqualTo("password");
        assertThatThrownBy(() -> cipher.open(cipher.seal("password"), "ctx")).isInstanceOf(SealedValueException.class);
    }

    @Test
    void refusesValuesOfAnUnknownFormatWithoutQuotingThem() {
        assertThatThrownBy(() -> cipher.open("plain-password", "ctx"))
                .isInstanceOf(SealedValueException.class)
                .hasMessageContaining("not in a known format").hasMessageNotContaining("plain-password");
        assertThatThrownBy(() -> cipher.open("v1:not*base64", "ctx"))
                .isInstanceOf(SealedValueException.class).hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> cipher.open("v1:AAAA", "ctx"))
                .isInstanceOf(SealedValueException.class).hasMessageContaining("too short");
    }

    @Test
    void neitherTheCipherNorTheKeyShowsTheKeyInToString() {
        EncryptionKey key = EncryptionKey.generate();

        assertThat(new AesGcmSecretCipher(key).toString()).doesNotContain(key.toBase64());
        assertThat(key.toString()).doesNotContain(key.toBase64());
    }

    private static String nonce(String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, 12));
    }
}
