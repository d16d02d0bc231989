package org.proxyconfig.adapters.persistence.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed fingerprint of a text (HMAC-SHA256 under a key derived from the encryption key for this
 * purpose only, hex): tells whether two declarations are equal without revealing either, even to
 * someone who reads the database and can guess most of the text.
 */
public final class KeyedFingerprint implements UnaryOperator<String> {

    private static final String PURPOSE = "proxy-config declaration fingerprint v1";

    private final SecretKeySpec purposeKey;

    public KeyedFingerprint(EncryptionKey key) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(key.hmacKey());
            this.purposeKey = new SecretKeySpec(derive.doFinal(PURPOSE.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** The fingerprint of {@code text}. */
    @Override
    public String apply(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(purposeKey);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
