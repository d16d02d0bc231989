package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.proxyconfig.adapters.persistence.crypto.SecretCipher;

/**
 * Changes the encryption key of a database: re-seals every stored password (the main one of each
 * revision and those of the routes' own proxies) and the key check from
 * the old key to the new one, in one transaction, holding the write lock. Either every value is
 * under the new key or, when anything fails, every value stays under the old one.
 * Run it while the service is stopped (or at least not writing); then start with the new key.
 */
public final class KeyRotation {

    private KeyRotation() {}

    /**
     * @return how many stored passwords were re-sealed, route passwords included
     * @throws EncryptionKeyMismatchException when {@code from} is not the key the database was written with
     */
    public static int rotate(Database database, SecretCipher from, SecretCipher to) {
        return database.transactions().write("rotate the encryption key", connection -> {
            HeadLock.take(connection);
            Optional<String> check = KeyCheck.read(connection);
            if (check.isPresent()) KeyCheck.requireOpens(check.get(), from);
            List<Long> revisions = sealedPasswordRevisions(connection);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT password_sealed FROM proxy_config_revision WHERE revision = ?");
                 PreparedStatement update = connection.prepareStatement(
                    "UPDATE proxy_config_revision SET password_sealed = ? WHERE revision = ?")) {
                for (long revision : revisions) {
                    select.setLong(1, revision);
                    String sealed;
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        sealed = rs.getString(1);
                    }
                    String context = RevisionRows.passwordContext(revision);
                    update.setString(1, to.seal(from.open(sealed, context), context));
                    update.setLong(2, revision);
                    update.executeUpdate();
                }
            }
            int routes = resealRoutePasswords(connection, from, to);
            KeyCheck.write(connection, to.seal(KeyCheck.CONSTANT, KeyCheck.CONTEXT), check.isEmpty());
            return revisions.size() + routes;
        });
    }

    private static int resealRoutePasswords(Connection connection, SecretCipher from, SecretCipher to) throws SQLException {
        record Sealed(long revision, int index, String value) { }
        List<Sealed> sealed = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT revision, route_index, password_sealed"
                + " FROM proxy_config_route WHERE password_sealed <> '' ORDER BY revision, route_index");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) sealed.add(new Sealed(rs.getLong(1), rs.getInt(2), rs.getString(3)));
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE proxy_config_route SET password_sealed = ? WHERE revision = ? AND route_index = ?")) {
            for (Sealed s : sealed) {
                String context = RouteRows.passwordContext(s.revision(), s.index());
                update.setString(1, to.seal(from.open(s.value(), context), context));
                update.setLong(2, s.revision());
                update.setInt(3, s.index());
                update.executeUpdate();
            }
        }
        return sealed.size();
    }

    private static List<Long> sealedPasswordRevisions(Connection connection) throws SQLException {
        List<Long> revisions = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT revision FROM proxy_config_revision WHERE password_sealed <> '' ORDER BY revision");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) revisions.add(rs.getLong(1));
        }
        return revisions;
    }
}
