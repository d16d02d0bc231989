package org.proxyconfig.adapters.http.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the API's TLS material is: its certificate chain and private key (PEM), and, when clients
 * must present a certificate (mutual TLS), the CA certificates that issue theirs.
 */
public record TlsFiles(Path certificate, Path privateKey, Optional<Path> clientCa) {

    List<Path> identityFiles() {
        return List.of(certificate, privateKey);
    }

}
