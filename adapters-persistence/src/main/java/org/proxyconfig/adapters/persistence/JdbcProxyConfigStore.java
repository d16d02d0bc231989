package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.proxyconfig.adapters.persistence.crypto.SealedValueException;
import org.proxyconfig.adapters.persistence.crypto.SecretCipher;
import org.proxyconfig.application.StoreFaultException;
import org.proxyconfig.application.StoreUnavailableException;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyConfigError;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Revision;
import org.proxyconfig.domain.Secret;

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

    private static final String COLUMNS = "revision, created_at, actor, enabled, proxy_type, url, username,"
            + " password_sealed, no_proxy, timeout_seconds, skip_tls_verify, enable_for_scim,"
            + " enable_for_inference, enable_for_api, ca_cert_pem";

    private final Transactions transactions;
    private final SecretCipher cipher;
    private final boolean announcesCommits;
    /**
     * The newest revision this instance knows to be committed. A committed revision never changes
     * (its number is taken once, under the head lock), so a write that finds the head at this
     * number uses it instead of reading, decrypting and validating it again.
     */
    private final AtomicReference<Revision> knownCommitted = new AtomicReference<>();

    /**
     * Checks the cipher's key against the database before anything else, recording it on first start.
     *
     * @throws EncryptionKeyMismatchException when the database was written with another key
     * @throws StoreUnavailableException when the database cannot be reached
     */
    JdbcProxyConfigStore(Transactions transactions, SecretCipher cipher) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
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
                connection -> runWith(new Log(connection, false, 0, null), work));
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
        AtomicReference<WriteAttempt<T>> last = new AtomicReference<>();
        T result = transactions.write("write the proxy configuration", () -> {
            WriteAttempt<T> attempt = new WriteAttempt<>(work);
            last.set(attempt);
            return attempt;
        });
        Revision appended = last.get().lastAppended;
        if (appended != null) remember(appended); // the attempt that returned is the one that committed
        return result;
    }

    private void remember(Revision committed) {
        knownCommitted.accumulateAndGet(committed, (known, next) -> known == null || next.number() > known.number() ? next : known);
    }

    private static <T> T runWith(Log log, Function<RevisionLog, T> work) {
        try {
            return work.apply(log);
        } finally {
            log.open = false;
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
            Log log = new Log(connection, true, Transactions.lockHead(connection), writeId);
            try {
                return runWith(log, work);
            } finally {
                firstAppended = log.firstAppended;
                lastAppended = log.lastAppended;
            }
        }

        /**
         * Its first revision is there with its id: the commit landed. An attempt that appended
         * nothing did not land, and may run again: its only other write, the declaration's
         * fingerprint, is the same value written again.
         */
        @Override
        public boolean landed(Connection connection) throws SQLException {
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

    /** The AEAD context of a stored password: a sealed value only opens in the row it was written to. */
    static String passwordContext(long revision) {
        return "proxy_config_revision.password_sealed:" + revision;
    }

    @Override
    public String toString() {
        return "JdbcProxyConfigStore";
    }

    /** The log of one transaction; unusable once its call returned. */
    private final class Log implements RevisionLog {

        private final Connection connection;
        private final boolean writable;
        private final String writeId;
        private long head;
        private long firstAppended;
        private Revision lastAppended;
        /** In a write: the latest revision once read or appended (null: not read yet). */
        private Optional<Revision> latest;
        private boolean open = true;

        /** @param writeId marks the revisions this log appends; null for a read */
        Log(Connection connection, boolean writable, long head, String writeId) {
            this.connection = connection;
            this.writable = writable;
            this.head = head;
            this.writeId = writeId;
        }

        @Override
        public Optional<Revision> latest() {
            checkOpen();
            try {
                if (writable) {
                    // The head was read under the lock and moved by our own appends: no one else can
                    // move it, so the revision read once (or appended) stays the latest.
                    if (latest == null) latest = head == 0 ? Optional.empty() : Optional.of(committed(head));
                    return latest;
                }
                return select("SELECT " + prefixed("r") + " FROM proxy_config_revision r"
                        + " JOIN proxy_config_head h ON r.revision = h.latest_revision WHERE h.id = 1", null);
            } catch (SQLException e) {
                throw new SqlFailure("cannot read the latest revision", e);
            }
        }

        /** Revision {@code number}, committed (the head points to it): from memory when this instance knows it. */
        private Revision committed(long number) throws SQLException {
            Revision known = knownCommitted.get();
            if (known != null && known.number() == number) return known;
            Revision read = select("SELECT " + COLUMNS + " FROM proxy_config_revision WHERE revision = ?", number)
                    .orElseThrow(() -> new StoreFaultException("the head names revision " + number + ", which is not in"
                            + " proxy_config_revision: the database was changed by hand; restore it from a backup", null));
            remember(read);
            return read;
        }

        @Override
        public Revision append(ProxyConfig config, Instant at, String actor) {
            checkOpen();
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
            if (!writable) throw new IllegalStateException("append inside read(): use write() to change the store");
            // Both databases keep microseconds; the returned revision is what a later read gives back.
            Revision revision = new Revision(head + 1, at.truncatedTo(ChronoUnit.MICROS), actor, config);
            try {
                insert(revision);
                try (PreparedStatement s = connection.prepareStatement(
                        "UPDATE proxy_config_head SET latest_revision = ? WHERE id = 1 AND latest_revision = ?")) {
                    s.setLong(1, revision.number());
                    s.setLong(2, head);
                    if (s.executeUpdate() != 1) {
                        throw new SQLException("the head row moved while it was locked", "40001");
                    }
                }
                if (announcesCommits) PostgresChangeNotifications.announce(connection, revision.number());
            } catch (SQLException e) {
                throw new SqlFailure("cannot append revision " + revision.number(), e);
            }
            head = revision.number();
            latest = Optional.of(revision);
            lastAppended = revision;
            if (firstAppended == 0) firstAppended = head;
            return revision;
        }

        @Override
        public long latestNumber() {
            checkOpen();
            if (writable) return head;
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT latest_revision FROM proxy_config_head WHERE id = 1");
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException e) {
                throw new SqlFailure("cannot read the latest revision number", e);
            }
        }

        @Override
        public Optional<String> declarationFingerprint() {
            checkOpen();
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT fingerprint FROM declarative_source WHERE id = 1");
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            } catch (SQLException e) {
                throw new SqlFailure("cannot read the applied declaration", e);
            }
        }

        @Override
        public void recordDeclarationFingerprint(String fingerprint) {
            checkOpen();
            Objects.requireNonNull(fingerprint, "fingerprint");
            if (!writable) throw new IllegalStateException("recordDeclarationFingerprint inside read(): use write()");
            // Under the head lock: no other writer can insert the row between the update and the insert.
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE declarative_source SET fingerprint = ? WHERE id = 1")) {
                update.setString(1, fingerprint);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO declarative_source (id, fingerprint) VALUES (1, ?)")) {
                        insert.setString(1, fingerprint);
                        insert.executeUpdate();
                    }
                }
            } catch (SQLException e) {
                throw new SqlFailure("cannot record the applied declaration", e);
            }
        }

        @Override
        public Optional<Revision> find(long number) {
            checkOpen();
            try {
                return select("SELECT " + COLUMNS + " FROM proxy_config_revision WHERE revision = ?", number);
            } catch (SQLException e) {
                throw new SqlFailure("cannot read revision " + number, e);
            }
        }

        @Override
        public List<Revision> newestFirst(long before, int limit) {
            checkOpen();
            if (limit < 1) return List.of();
            try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM proxy_config_revision WHERE revision < ? ORDER BY revision DESC FETCH FIRST ? ROWS ONLY")) {
                s.setLong(1, before);
                s.setInt(2, limit);
                List<Revision> page = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) page.add(toRevision(rs));
                }
                return page;
            } catch (SQLException e) {
                throw new SqlFailure("cannot list revisions", e);
            }
        }

        private void insert(Revision revision) throws SQLException {
            ProxyConfig c = revision.config();
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO proxy_config_revision (" + COLUMNS
                    + ", write_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, revision.number());
                s.setObject(2, OffsetDateTime.ofInstant(revision.at(), ZoneOffset.UTC));
                s.setString(3, revision.actor());
                s.setBoolean(4, c.enabled());
                s.setString(5, c.type().wireName());
                s.setString(6, c.url());
                s.setString(7, c.username());
                s.setString(8, cipher.seal(c.password().reveal(), passwordContext(revision.number())));
                s.setString(9, c.noProxy());
                s.setInt(10, c.timeoutSeconds());
                s.setBoolean(11, c.skipTlsVerify());
                s.setBoolean(12, c.enableForScim());
                s.setBoolean(13, c.enableForInference());
                s.setBoolean(14, c.enableForApi());
                s.setString(15, c.caCertPem());
                s.setString(16, writeId);
                s.executeUpdate();
            }
        }

        private Optional<Revision> select(String sql, Long number) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                if (number != null) s.setLong(1, number);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(toRevision(rs)) : Optional.empty();
                }
            }
        }

        /**
         * By position, in the order of {@link #COLUMNS} (every query here selects them so): H2 builds
         * a map of the column labels for every result set read by name, and a write reads one.
         */
        private Revision toRevision(ResultSet rs) throws SQLException {
            long number = rs.getLong(1);
            Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
            String password;
            try {
                password = cipher.open(rs.getString(8), passwordContext(number));
            } catch (SealedValueException e) {
                throw new StoreFaultException("the password of revision " + number + " cannot be decrypted with this"
                        + " instance's encryption key (" + e.getMessage() + "): every instance on one database must"
                        + " start with the same PROXY_CONFIG_ENCRYPTION_KEY (docs/deployment.md)", e);
            }
            try {
                ProxyConfig config = new ProxyConfig(
                        rs.getBoolean(4),
                        ProxyType.fromWire(rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        Secret.of(password),
                        rs.getString(9),
                        rs.getInt(10),
                        rs.getBoolean(11),
                        rs.getBoolean(12),
                        rs.getBoolean(13),
                        rs.getBoolean(14),
                        rs.getString(15));
                return new Revision(number, at, rs.getString(3), config);
            } catch (ProxyConfigError e) {
                // A stored row the rules now refuse is a broken store, not a bad request of the caller.
                throw new StoreFaultException("revision " + number + " in the database is not a valid configuration ("
                        + e.getMessage() + "): it was changed outside proxy-config; restore an earlier revision"
                        + " (POST /api/proxy-config/history/{n}/restore) or the database from a backup", e);
            }
        }

        private void checkOpen() {
            if (!open) throw new IllegalStateException("the revision log is used after its transaction ended");
        }
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }
}
