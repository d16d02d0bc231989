package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.proxyconfig.adapters.persistence.crypto.SealedValueException;
import org.proxyconfig.adapters.persistence.crypto.SecretCipher;

/**
 * Proves at startup that the encryption key is the one the database was written with: on first
 * start a known constant is sealed into {@code key_check}; at later starts it must open again.
 * Without this, a wrong key would only surface at the first read of the password, as a broken store.
 */
final class KeyCheck {

    static final String CONSTANT = "proxy-config key check v1";
    static final String CONTEXT = "key_check.sealed:1";

    private static final System.Logger LOG = System.getLogger(KeyCheck.class.getName());

    private KeyCheck() {}

    /**
     * @throws EncryptionKeyMismatchException when the recorded constant does not open; nothing is changed
     */
    static void verify(Transactions transactions, SecretCipher cipher) {
        boolean recorded = transactions.write("check the encryption key against the database", connection -> {
            HeadLock.take(connection); // two first starts must not both record a key
            Optional<String> sealed = read(connection);
            if (sealed.isPresent()) {
                requireOpens(sealed.get(), cipher);
                return false;
            }
            write(connection, cipher.seal(CONSTANT, CONTEXT), true);
            return true;
        });
        if (recorded) {
            LOG.log(System.Logger.Level.INFO, "first start on this database: recorded which encryption key it uses");
        }
    }

    /** Throws the mismatch unless {@code sealed} opens to the constant with {@code cipher}. */
    static void requireOpens(String sealed, SecretCipher cipher) {
        try {
            if (!CONSTANT.equals(cipher.open(sealed, CONTEXT))) throw new EncryptionKeyMismatchException();
        } catch (SealedValueException e) {
            throw new EncryptionKeyMismatchException();
        }
    }

    static Optional<String> read(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT sealed FROM key_check WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    static void write(Connection connection, String sealed, boolean first) throws SQLException {
        String sql = first ? "INSERT INTO key_check (sealed, id) VALUES (?, 1)" : "UPDATE key_check SET sealed = ? WHERE id = 1";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, sealed);
            s.executeUpdate();
        }
    }
}
