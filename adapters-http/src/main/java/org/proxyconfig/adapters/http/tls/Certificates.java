package org.proxyconfig.adapters.http.tls;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads the X.509 certificates of a PEM file, in the file's order. */
final class Certificates {

    private Certificates() {
    }

    static List<X509Certificate> read(TlsSetting setting, Path path) {
        PemBlocks pem = PemBlocks.read(setting, path);
        List<PemBlocks.Block> blocks = pem.labelled("CERTIFICATE");
        if (blocks.isEmpty()) {
            throw new InvalidTlsFileException(setting, path, "has no CERTIFICATE block, only: " + pem.labels());
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < blocks.size(); i++) {
                try {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(blocks.get(i).der())));
                } catch (CertificateException e) {
                    throw new InvalidTlsFileException(setting, path, "certificate " + (i + 1) + " is not a valid X.509 certificate");
                }
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("this JDK has no X.509 certificate factory", e);
        }
        return List.copyOf(certificates);
    }
}
