package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.proxyconfig.application.StoreFaultException;
import org.proxyconfig.application.port.out.RevisionLog;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.Revision;

/**
 * The revision log of one transaction on one connection: the SQL of reading and appending
 * revisions, each with its routes (their rows in the same transaction). Unusable once its transaction ended. In a write, the head was locked before this log
 * was made ({@link HeadLock}), and only this log moves it.
 */
final class JdbcRevisionLog implements RevisionLog {

    private final Connection connection;
    private final RevisionRows rows;
    private final LatestCommitted latestCommitted;
    private final boolean writable;
    private final boolean announcesCommits;
    private final String writeId;
    private long head;
    private long firstAppended;
    private Revision lastAppended;
    /** In a write: the latest revision once read or appended (null: not read yet). */
    private Optional<Revision> latest;
    private boolean open = true;

    private JdbcRevisionLog(Connection connection, RevisionRows rows, LatestCommitted latestCommitted, boolean writable,
                            boolean announcesCommits, long head, String writeId) {
        this.connection = connection;
        this.rows = rows;
        this.latestCommitted = latestCommitted;
        this.writable = writable;
        this.announcesCommits = announcesCommits;
        this.head = head;
        this.writeId = writeId;
    }

    static JdbcRevisionLog reading(Connection connection, RevisionRows rows, LatestCommitted latestCommitted) {
        return new JdbcRevisionLog(connection, rows, latestCommitted, false, false, 0, null);
    }

    /**
     * @param head     the head as read under its lock
     * @param writeId  marks the revisions this log appends, by which a lost commit is found again
     * @param announce whether an append also sends NOTIFY (PostgreSQL)
     */
    static JdbcRevisionLog writing(Connection connection, RevisionRows rows, LatestCommitted latestCommitted,
                                   long head, String writeId, boolean announce) {
        return new JdbcRevisionLog(connection, rows, latestCommitted, true, announce, head, writeId);
    }

    /** Ends the log: any later call is a bug of the caller. */
    void close() {
        open = false;
    }

    /** The first revision this log appended, 0 when none. */
    long firstAppended() {
        return firstAppended;
    }

    /** The last revision this log appended, null when none. */
    Revision lastAppended() {
        return lastAppended;
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
            return selectOne("SELECT " + prefixed("r") + " FROM proxy_config_revision r"
                    + " JOIN proxy_config_head h ON r.revision = h.latest_revision WHERE h.id = 1", null);
        } catch (SQLException e) {
            throw new SqlFailure("cannot read the latest revision", e);
        }
    }

    /** Revision {@code number}, committed (the head points to it): from memory when this instance knows it. */
    private Revision committed(long number) throws SQLException {
        Revision known = latestCommitted.get(number);
        if (known != null) return known;
        Revision read = selectOne("SELECT " + RevisionRows.COLUMNS + " FROM proxy_config_revision WHERE revision = ?", number)
                .orElseThrow(() -> new StoreFaultException("the head names revision " + number + ", which is not in"
                        + " proxy_config_revision: the database was changed by hand; restore it from a backup", null));
        latestCommitted.remember(read);
        return read;
    }

    @Override
    public Revision append(ProxyConfig config, ProxyRoutes routes, Instant at, String actor) {
        checkOpen();
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        if (!writable) throw new IllegalStateException("append inside read(): use write() to change the store");
        // Both databases keep microseconds; the returned revision is what a later read gives back.
        Revision revision = new Revision(head + 1, at.truncatedTo(ChronoUnit.MICROS), actor, config, routes);
        try {
            try (PreparedStatement insert = connection.prepareStatement(RevisionRows.INSERT)) {
                rows.bind(insert, revision, writeId);
                insert.executeUpdate();
            }
            rows.routes().insert(connection, revision.number(), routes);
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
        try (PreparedStatement s = connection.prepareStatement("SELECT latest_revision FROM proxy_config_head WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new SqlFailure("cannot read the latest revision number", e);
        }
    }

    @Override
    public Optional<String> declarationFingerprint() {
        checkOpen();
        try (PreparedStatement s = connection.prepareStatement("SELECT fingerprint FROM declarative_source WHERE id = 1");
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
            return selectOne("SELECT " + RevisionRows.COLUMNS + " FROM proxy_config_revision WHERE revision = ?", number);
        } catch (SQLException e) {
            throw new SqlFailure("cannot read revision " + number, e);
        }
    }

    @Override
    public List<Revision> newestFirst(long before, int limit) {
        checkOpen();
        if (limit < 1) return List.of();
        try (PreparedStatement s = connection.prepareStatement("SELECT " + RevisionRows.COLUMNS
                + " FROM proxy_config_revision WHERE revision < ? ORDER BY revision DESC FETCH FIRST ? ROWS ONLY")) {
            s.setLong(1, before);
            s.setInt(2, limit);
            List<Revision> page = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) page.add(rows.read(rs));
            }
            if (page.isEmpty()) return page;
            // One query for the routes of the whole page, not one per revision.
            Map<Long, ProxyRoutes> routes = rows.routes().readRange(connection, page.getLast().number(), page.getFirst().number());
            return page.stream().map(r -> withRoutes(r, routes.getOrDefault(r.number(), ProxyRoutes.NONE))).toList();
        } catch (SQLException e) {
            throw new SqlFailure("cannot list revisions", e);
        }
    }

    private Optional<Revision> selectOne(String sql, Long number) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            if (number != null) s.setLong(1, number);
            Revision read;
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                read = rows.read(rs);
            }
            return Optional.of(withRoutes(read, rows.routes().read(connection, read.number())));
        }
    }

    private static Revision withRoutes(Revision revision, ProxyRoutes routes) {
        return routes.isEmpty() ? revision
                : new Revision(revision.number(), revision.at(), revision.actor(), revision.config(), routes);
    }

    private void checkOpen() {
        if (!open) throw new IllegalStateException("the revision log is used after its transaction ended");
    }

    private static String prefixed(String alias) {
        return alias + "." + RevisionRows.COLUMNS.replace(", ", ", " + alias + ".");
    }
}
