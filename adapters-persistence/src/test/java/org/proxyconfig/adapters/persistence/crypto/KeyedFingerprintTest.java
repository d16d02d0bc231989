package org.proxyconfig.adapters.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyedFingerprintTest {

    private static final String TEXT = "enabled=true\npassword=declared-secret-77";

    @Test
    void isTheSameForTheSameTextAndKeyAndRevealsNeither() {
        EncryptionKey key = EncryptionKey.generate();

        String fingerprint = new KeyedFingerprint(key).apply(TEXT);

        assertThat(new KeyedFingerprint(key).apply(TEXT)).isEqualTo(fingerprint);
        assertThat(fingerprint).matches("[0-9a-f]{64}").doesNotContain("declared-secret-77").doesNotContain(key.toBase64());
    }

    @Test
    void differsForAnotherTextOrAnotherKey() {
        EncryptionKey key = EncryptionKey.generate();

        assertThat(new KeyedFingerprint(key).apply(TEXT + " ")).isNotEqualTo(new KeyedFingerprint(key).apply(TEXT));
        assertThat(new KeyedFingerprint(EncryptionKey.generate()).apply(TEXT)).isNotEqualTo(new KeyedFingerprint(key).apply(TEXT));
    }

    @Test
    void usesAKeyOfItsOwnNotThePlainEncryptionKey() throws Exception {
        EncryptionKey key = EncryptionKey.generate();
        javax.crypto.Mac plain = javax.crypto.Mac.getInstance("HmacSHA256");
        plain.init(key.hmacKey());
        String underThePlainKey = java.util.HexFormat.of().formatHex(plain.doFinal(TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(new KeyedFingerprint(key).apply(TEXT)).isNotEqualTo(underThePlainKey);
    }
}
