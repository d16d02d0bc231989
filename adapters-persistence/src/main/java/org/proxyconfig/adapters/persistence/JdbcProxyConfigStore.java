package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;

import java.util.function.Function;
import org.proxyconfig.adapters.persistence.crypto.SecretCipher;
import org.proxyconfig.application.StoreUnavailableException;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.Revision;

/**
 * The revision store on JDBC (docs/decisions/0002-revision-storage.md): append-only rows in
 * {@code proxy_config_revision}, the number in force in the single {@code proxy_config_head} row,
 * the password sealed by a {@link SecretCipher} before it reaches the database.
 *
 * <p>Each call is one transaction on a fresh pooled connection. A write starts by locking the head
 * row ({@code SELECT ... FOR UPDATE}) and inserts the revision and moves the head in the same
 * transaction, so concurrent writers queue and a crash leaves the old revision or the new one,
 * never half of one. Reads run at REPEATABLE READ: one consistent snapshot for the whole work.
 *
 * <p>On PostgreSQL an append also sends {@code NOTIFY} on {@value PostgresChangeNotifications#CHANNEL}
 * with the new number, from inside the transaction: PostgreSQL delivers it to the other instances'
 * {@link PostgresChangeNotifications} only when, and only if, the transaction commits.
 */
public final class JdbcProxyConfigStore implements ProxyConfigStore {

    private final Transactions transactions;
    private final RevisionRows rows;
    private final boolean announcesCommits;
    private final LatestCommitted latestCommitted = new LatestCommitted();

    /**
     * Checks the cipher's key against the database before anything else, recording it on first start.
     *
     * @throws EncryptionKeyMismatchException when the database was written with another key
     * @throws StoreUnavailableException when the database cannot be reached
     */
    JdbcProxyConfigStore(Transactions transactions, SecretCipher cipher) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.rows = new RevisionRows(cipher);
        KeyCheck.verify(transactions, cipher);
        this.announcesCommits = PostgresChangeNotifications.isPostgres(transactions);
    }

    /** Checks the key (see the constructor), then the store on {@code database} is ready. */
    public static JdbcProxyConfigStore open(Database database, SecretCipher cipher) {
        return new JdbcProxyConfigStore(database.transactions(), cipher);
    }

    @Override
    public <T> T read(Function<RevisionLog, T> work) {
        Objects.requireNonNull(work, "work");
        return transactions.read("read the proxy configuration",
                connection -> runWith(JdbcRevisionLog.reading(connection, rows, latestCommitted), work));
    }

    /**
     * Read committed, not repeatable read: once the head lock is granted, the work must see the
     * revision the previous writer just committed (PostgreSQL would refuse the lock under a
     * snapshot older than that commit). Each attempt marks what it appends with a new write id, by
     * which {@link Transactions} finds out whether a commit whose connection was lost landed.
     */
    @Override
    public <T> T write(Function<RevisionLog, T> work) {
        Objects.requireNonNull(work, "work");
        return transactions.write("write the proxy configuration", () -> new WriteAttempt<>(work));
    }

    private static <T> T runWith(JdbcRevisionLog log, Function<RevisionLog, T> work) {
        try {
            return work.apply(log);
        } finally {
            log.close();
        }
    }

    /** One attempt of a write: its work on the log, and whether its commit landed. */
    private final class WriteAttempt<T> implements Transactions.CheckedWrite<T> {

        private final Function<RevisionLog, T> work;
        private final String writeId = UUID.randomUUID().toString();
        private long firstAppended;
        private Revision lastAppended;

        WriteAttempt(Function<RevisionLog, T> work) {
            this.work = work;
        }

        @Override
        public T run(Connection connection) throws SQLException {
            JdbcRevisionLog log = JdbcRevisionLog.writing(connection, rows, latestCommitted,
                    HeadLock.take(connection), writeId, announcesCommits);
            try {
                return runWith(log, work);
            } finally {
                firstAppended = log.firstAppended();
                lastAppended = log.lastAppended();
            }
        }

        /**
         * Its first revision is there with its id: the commit landed. An attempt that appended
         * nothing did not land, and may run again: its only other write, the declaration's
         * fingerprint, is the same value written again.
         */
        /**
         * Remembered as soon as it is committed, not once it is synced: the next writer, which
         * may take the lock while this one waits for the sync, then finds it in memory.
         */
        @Override
        public void committed() {
            if (lastAppended != null) latestCommitted.remember(lastAppended);
        }

        @Override
        public boolean landed(Connection connection) throws SQLException {
            HeadLock.take(connection); // waits for the lost transaction to end
            if (firstAppended == 0) return false;
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT 1 FROM proxy_config_revision WHERE revision = ? AND write_id = ?")) {
                s.setLong(1, firstAppended);
                s.setString(2, writeId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcProxyConfigStore";
    }
}
