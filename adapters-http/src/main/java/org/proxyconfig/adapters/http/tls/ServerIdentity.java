package org.proxyconfig.adapters.http.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The certificate chain the API presents and its private key, checked before use: the key must
 * belong to the first certificate, and that certificate must be valid now. Either mistake would
 * otherwise surface only as every client failing its handshake.
 */
record ServerIdentity(PrivateKey key, List<X509Certificate> chain) {

    static ServerIdentity read(Path certificateFile, Path keyFile, Instant now) {
        List<X509Certificate> chain = Certificates.read(TlsSetting.CERTIFICATE, certificateFile);
        X509Certificate leaf = chain.getFirst();
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new InvalidTlsFileException(TlsSetting.CERTIFICATE, certificateFile,
                    "the certificate expired on " + leaf.getNotAfter().toInstant() + "; renew it");
        } catch (CertificateNotYetValidException e) {
            throw new InvalidTlsFileException(TlsSetting.CERTIFICATE, certificateFile,
                    "the certificate is not valid before " + leaf.getNotBefore().toInstant() + " (check this machine's clock)");
        }
        PrivateKey key = PrivateKeys.read(keyFile);
        if (!belongTogether(key, leaf.getPublicKey())) {
            throw new InvalidTlsFileException(TlsSetting.PRIVATE_KEY, keyFile,
                    "the key does not belong to the certificate in " + TlsSetting.CERTIFICATE.variable()
                            + " (" + leaf.getSubjectX500Principal().getName() + ")");
        }
        return new ServerIdentity(key, chain);
    }

    /** A signature made with the key verifies with the certificate's public key: the same pair. */
    private static boolean belongTogether(PrivateKey key, PublicKey certified) {
        if (!key.getAlgorithm().equals(certified.getAlgorithm())) return false;
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519 and Ed448 sign by their own name
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
