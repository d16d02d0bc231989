package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Durable commits on the embedded H2 database, with one file sync shared by every writer that
 * committed while the previous sync was running (group commit).
 *
 * <p>Each writer, after its commit, takes a ticket. When no sync is running, it leads one: it notes
 * the newest ticket, syncs ({@code CHECKPOINT SYNC}: H2 flushes what it holds and forces the data
 * file to the device), and so makes every ticket up to the noted one durable, since those commits
 * were all in the file before the sync began. Writers who arrive during a sync wait for it and,
 * when it did not cover them, lead the next one together. A sync that fails covers no one: the
 * leader reports the failure, and a waiting writer leads a new attempt for itself.
 *
 * <p>A {@link ReentrantLock}, not {@code synchronized}: requests run on virtual threads, which must
 * not be pinned to their carrier while they wait.
 */
final class GroupCommitSync implements CommitSync {

    /** Forces the data file to stable storage, from the connection given. */
    @FunctionalInterface
    interface FileSync {
        void sync(Connection connection) throws SQLException;
    }

    /** H2's statement for it; needs admin rights, which the database's creator has. */
    static final FileSync H2_CHECKPOINT_SYNC = connection -> {
        try (Statement s = connection.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
    };

    private final FileSync fileSync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition syncEnded = lock.newCondition();
    private long ticketsIssued;
    private long ticketsDurable;
    private boolean syncing;

    GroupCommitSync(FileSync fileSync) {
        this.fileSync = fileSync;
    }

    @Override
    public void awaitDurable(Connection connection) throws SQLException {
        lock.lock();
        try {
            long ticket = ++ticketsIssued;
            while (ticketsDurable < ticket) {
                if (syncing) {
                    syncEnded.awaitUninterruptibly(); // a sync takes well under a millisecond to a few
                    continue;
                }
                syncing = true;
                long covers = ticketsIssued;
                boolean synced = false;
                lock.unlock();
                try {
                    fileSync.sync(connection);
                    synced = true;
                } finally {
                    lock.lock();
                    syncing = false;
                    if (synced) ticketsDurable = Math.max(ticketsDurable, covers);
                    syncEnded.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writers whose commit is not durable yet: waiting for a sync, or in one. */
    long pendingTickets() {
        lock.lock();
        try {
            return ticketsIssued - ticketsDurable;
        } finally {
            lock.unlock();
        }
    }
}
