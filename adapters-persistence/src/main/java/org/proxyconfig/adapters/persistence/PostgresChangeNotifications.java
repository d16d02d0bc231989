package org.proxyconfig.adapters.persistence;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.proxyconfig.application.port.out.ChangeNotifications;

/**
 * Hears the revisions other instances commit, through PostgreSQL's {@code LISTEN}/{@code NOTIFY}:
 * the writer's transaction sends {@code pg_notify('proxy_config_revision', '<number>')}
 * ({@link #announce}), which PostgreSQL delivers at commit, to every listening session, within
 * milliseconds; nothing is delivered for a transaction that rolls back.
 *
 * <p>Listening needs one dedicated connection, outside the pool (a pooled connection would be
 * handed to requests). It is held by one daemon thread, which waits for notifications in short
 * slices so that a broken connection is seen and {@link Subscription#close()} is prompt. When the
 * connection breaks, the listener hears {@code interrupted}, and the thread reconnects with an
 * exponential backoff (100 ms doubling to 5 s); once listening again it says {@code listening},
 * because whatever was committed in between was not announced to it.
 */
public final class PostgresChangeNotifications implements ChangeNotifications {

    /** The channel name; a constant, so it is never built from input. */
    public static final String CHANNEL = "proxy_config_revision";

    private static final System.Logger LOG = System.getLogger(PostgresChangeNotifications.class.getName());
    private static final int WAIT_SLICE_MILLIS = 250;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** A quiet connection is proved alive this often, so a silently dead one is replaced. */
    private static final long PROBE_EVERY_MILLIS = 5_000;

    /** Opens a connection that is not from the pool. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private final ConnectionOpener opener;
    private final String location;
    private final Runnable onInterruption;

    /**
     * @param onInterruption runs when the listening connection breaks, before the listener hears of
     *                       it: the pool evicts its idle connections, which broke with it, before a
     *                       request is handed one
     */
    public PostgresChangeNotifications(ConnectionOpener opener, String location, Runnable onInterruption) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.location = Objects.requireNonNull(location, "location");
        this.onInterruption = Objects.requireNonNull(onInterruption, "onInterruption");
    }

    /** Whether {@code dataSource} is PostgreSQL, the one database here that can announce commits. */
    static boolean isPostgres(Transactions transactions) {
        return transactions.read("identify the database",
                connection -> "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()));
    }

    /** Queues the announcement of {@code revision} in the current transaction; sent at its commit. */
    static void announce(Connection connection, long revision) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, Long.toString(revision));
            s.executeQuery().close();
        }
    }

    @Override
    public Subscription listen(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Loop loop = new Loop(listener);
        Thread thread = new Thread(loop, "proxy-config-change-notifications");
        thread.setDaemon(true);
        loop.thread = thread;
        thread.start();
        return loop;
    }

    @Override
    public String toString() {
        return "PostgresChangeNotifications[" + location + ", channel " + CHANNEL + "]";
    }

    private final class Loop implements Runnable, Subscription {

        private final Listener listener;
        private volatile boolean running = true;
        private volatile Connection current;
        private Thread thread;

        Loop(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void run() {
            Duration backoff = FIRST_BACKOFF;
            while (running) {
                try (Connection connection = opener.open()) {
                    current = connection;
                    if (!running) return;
                    connection.setAutoCommit(true);
                    try (Statement s = connection.createStatement()) {
                        s.execute("LISTEN " + CHANNEL);
                    }
                    LOG.log(Level.DEBUG, "listening on " + CHANNEL + " at " + location);
                    listener.listening();
                    backoff = FIRST_BACKOFF;
                    receive(connection);
                } catch (SQLException | RuntimeException e) {
                    if (!running) return;
                    onInterruption.run();
                    listener.interrupted(describe(e));
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                } finally {
                    current = null;
                }
            }
        }

        private void receive(Connection connection) throws SQLException {
            PGConnection pg = connection.unwrap(PGConnection.class);
            long quietSince = System.nanoTime();
            while (running) {
                PGNotification[] notifications = pg.getNotifications(WAIT_SLICE_MILLIS);
                if (notifications != null && notifications.length > 0) {
                    quietSince = System.nanoTime();
                    for (PGNotification n : notifications) deliver(n);
                } else if ((System.nanoTime() - quietSince) / 1_000_000 >= PROBE_EVERY_MILLIS) {
                    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                        rs.next();
                    }
                    quietSince = System.nanoTime();
                }
            }
        }

        private void deliver(PGNotification notification) {
            if (!CHANNEL.equals(notification.getName())) return;
            try {
                listener.revisionAnnounced(Long.parseLong(notification.getParameter().strip()));
            } catch (NumberFormatException e) {
                // Not ours (someone ran NOTIFY by hand): a hint all the same.
                listener.listening();
            }
        }

        @Override
        public void close() {
            running = false;
            Connection c = current;
            if (c != null) {
                try {
                    c.close(); // ends a wait in progress at once
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            if (thread != null && thread != Thread.currentThread()) {
                thread.interrupt();
                try {
                    thread.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void sleep(Duration d) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                running = false;
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The SQL state and the driver's words; PostgreSQL's driver never puts the password in a message. */
    private static String describe(Exception e) {
        if (e instanceof SQLException sql) return "SQL state " + sql.getSQLState() + ": " + sql.getMessage();
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
