package org.proxyconfig.adapters.http.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the private key of a PEM file in the forms openssl and the ACME clients write: PKCS#8
 * ({@code PRIVATE KEY}: RSA, EC, Ed25519, Ed448), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1
 * ({@code EC PRIVATE KEY}). The last two are wrapped in PKCS#8, which is what the JDK reads.
 * An encrypted key is refused with the command that decrypts it: the service starts unattended,
 * so there is nobody to type a pass phrase.
 */
final class PrivateKeys {

    private static final List<String> PKCS8_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");
    private static final byte[] VERSION_0 = {Der.INTEGER, 1, 0};
    /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    private static final byte[] EC_PUBLIC_KEY = HexFormat.of().parseHex("06072a8648ce3d0201");

    private PrivateKeys() {
    }

    static PrivateKey read(Path path) {
        PemBlocks pem = PemBlocks.read(TlsSetting.PRIVATE_KEY, path);
        if (!pem.labelled("ENCRYPTED PRIVATE KEY").isEmpty()) {
            throw refused(path, "the key is encrypted; store it decrypted and owner-only (openssl pkey -in "
                    + path.getFileName() + " -out key.pem; chmod 600 key.pem)");
        }
        for (PemBlocks.Block block : pem.blocks()) {
            switch (block.label()) {
                case "PRIVATE KEY" -> { return pkcs8(path, block.der()); }
                case "RSA PRIVATE KEY" -> { return decode(path, "RSA", pkcs8Of(RSA_ALGORITHM, block.der())); }
                case "EC PRIVATE KEY" -> { return decode(path, "EC", pkcs8Of(ecAlgorithm(path, block.der()), block.der())); }
                default -> { /* a certificate or parameters beside the key: look further */ }
            }
        }
        throw refused(path, "has no private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block), only: " + pem.labels());
    }

    private static PrivateKey pkcs8(Path path, byte[] der) {
        for (String algorithm : PKCS8_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw refused(path, "the PRIVATE KEY block is not an RSA, EC, Ed25519 or Ed448 key in PKCS#8");
    }

    private static PrivateKey decode(Path path, String algorithm, byte[] pkcs8) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw refused(path, "the " + algorithm + " PRIVATE KEY block is not a valid " + algorithm + " key");
        }
    }

    private static byte[] pkcs8Of(byte[] algorithmIdentifier, byte[] traditionalKey) {
        return Der.tlv(Der.SEQUENCE, VERSION_0, algorithmIdentifier, Der.tlv(Der.OCTET_STRING, traditionalKey));
    }

    /** SEC1 names its curve in the optional [0] element; PKCS#8 wants it in the algorithm identifier. */
    private static byte[] ecAlgorithm(Path path, byte[] sec1) {
        try {
            for (Der.Element element : Der.sequence(sec1)) {
                if (element.tag() == Der.CONTEXT_0) {
                    byte[] curve = element.content();
                    if (curve.length > 0 && curve[0] == Der.OBJECT_IDENTIFIER) {
                        return Der.tlv(Der.SEQUENCE, EC_PUBLIC_KEY, curve);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw refused(path, "the EC PRIVATE KEY block is not valid DER");
        }
        throw refused(path, "the EC PRIVATE KEY block does not name its curve; convert it with "
                + "openssl pkcs8 -topk8 -nocrypt -in " + path.getFileName() + " -out key.pem");
    }

    private static InvalidTlsFileException refused(Path path, String problem) {
        return new InvalidTlsFileException(TlsSetting.PRIVATE_KEY, path, problem);
    }
}
