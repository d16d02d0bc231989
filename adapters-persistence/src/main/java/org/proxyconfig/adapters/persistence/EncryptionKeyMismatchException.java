package org.proxyconfig.adapters.persistence;

/**
 * The encryption key given at startup is not the one the database was written with. Nothing in
 * the database was changed; the process should stop rather than run without its stored password.
 */
public final class EncryptionKeyMismatchException extends RuntimeException {

    public EncryptionKeyMismatchException() {
        super("the encryption key does not match the one this database was written with; start with"
                + " the original key (PROXY_CONFIG_ENCRYPTION_KEY, or the key file proxy-config.key in the"
                + " data directory when that variable is not set) or, to change keys, follow the rotation"
                + " procedure in docs/decisions/0002-revision-storage.md. Nothing in the database was changed.");
    }
}
