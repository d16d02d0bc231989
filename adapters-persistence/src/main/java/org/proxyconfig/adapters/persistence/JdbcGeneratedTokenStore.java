package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.proxyconfig.application.port.out.GeneratedTokenStore;

/**
 * The {@link GeneratedTokenStore} on JDBC: one row at most. Two instances starting at once on one
 * database both try to record theirs; the head lock lets exactly one win, and the loser learns it.
 */
public final class JdbcGeneratedTokenStore implements GeneratedTokenStore {

    private final Transactions transactions;

    public JdbcGeneratedTokenStore(Database database) {
        this.transactions = database.transactions();
    }

    @Override
    public Optional<String> hash() {
        return transactions.read("read the generated token hash", JdbcGeneratedTokenStore::select);
    }

    @Override
    public boolean recordIfAbsent(String hash, Instant at) {
        return transactions.write("record the generated token hash", connection -> {
            HeadLock.take(connection);
            if (select(connection).isPresent()) return false;
            try (PreparedStatement s = connection.prepareStatement(
                    "INSERT INTO generated_admin_token (id, token_hash, created_at) VALUES (1, ?, ?)")) {
                s.setString(1, hash);
                s.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                s.executeUpdate();
            }
            return true;
        });
    }

    private static Optional<String> select(Connection connection) throws java.sql.SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT token_hash FROM generated_admin_token WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }
}
