package org.proxyconfig.adapters.http.tls;

import java.nio.file.Path;

/**
 * A TLS file that cannot be used. The message names the setting, the file and the problem in one
 * line, and never quotes the file's content: a private key must not reach a log or a terminal.
 */
public final class InvalidTlsFileException extends RuntimeException {

    InvalidTlsFileException(TlsSetting setting, Path path, String problem) {
        super(setting.variable() + " (" + path + "): " + problem, null, false, false);
    }
}
