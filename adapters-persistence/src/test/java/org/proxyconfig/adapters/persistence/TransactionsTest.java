package org.proxyconfig.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.proxyconfig.application.StoreFaultException;
import org.proxyconfig.application.StoreUnavailableException;
import org.proxyconfig.domain.InvalidFieldException;

/**
 * The retry rules of {@link Transactions} over a fake DataSource: what fails before the commit is
 * run again on a fresh connection; what fails during the commit is resolved, never re-applied
 * blindly; what the database refuses, or what the work itself throws, is not retried.
 */
class TransactionsTest {

    private static final SQLException TERMINATED = new SQLException("terminating connection due to administrator command", "57P01");
    private static final SQLException IO_ERROR = new SQLException("An I/O error occurred while sending to the backend", "08006");

    private final ScriptedDataSource dataSource = new ScriptedDataSource();
    private final AtomicInteger evictions = new AtomicInteger();
    private final List<Connection> synced = new ArrayList<>();
    private final Transactions transactions = new Transactions(dataSource,
            new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(30)), evictions::incrementAndGet, synced::add);

    /** How often a test's work ran, and how often a checked write was asked whether its commit landed. */
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger checks = new AtomicInteger();

    /** Work that counts its runs and fails with {@code failure} every time. */
    private Transactions.Work<String> failingWith(SQLException failure) {
        return connection -> {
            runs.incrementAndGet();
            throw failure;
        };
    }

    @Test
    void workThatLosesItsConnectionBeforeTheCommitRunsAgainOnAFreshConnection() {
        String result = transactions.write("change it", connection -> {
            if (runs.incrementAndGet() == 1) throw TERMINATED;
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(runs).hasValue(2);
        assertThat(dataSource.connections).hasSize(2);
        assertThat(dataSource.connections.get(0).rolledBack).isTrue();
        assertThat(dataSource.connections.get(0).closed).isTrue();
        assertThat(dataSource.connections.get(1).committed).isTrue();
        assertThat(evictions).as("the pool's idle connections are evicted once per lost connection").hasValue(1);
    }

    @Test
    void aFailureCarriedOutOfARevisionLogCallIsRetriedToo() {
        int result = transactions.read("read it", connection -> {
            if (runs.incrementAndGet() == 1) throw new SqlFailure("cannot read the latest revision", IO_ERROR);
            return 7;
        });

        assertThat(result).isEqualTo(7);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aLostConnectionIsRetriedAtMostTwice() {
        assertThatThrownBy(() -> transactions.write("change it", failingWith(IO_ERROR)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot change it")
                .hasMessageContaining("tried 3 time(s)")
                .hasMessageContaining("08006");

        assertThat(runs).hasValue(3);
        assertThat(dataSource.connections).allMatch(c -> c.closed && !c.committed);
    }

    @Test
    void noRetryStartsOnceTheBudgetIsSpent() {
        Transactions noTime = new Transactions(dataSource, new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(10)),
                () -> { }, CommitSync.NONE);

        assertThatThrownBy(() -> noTime.write("change it", failingWith(TERMINATED)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("tried 1 time(s)");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aStatementTheDatabaseRefusesIsAFaultAndIsNotRetried() {
        SQLException refused = new SQLException("relation \"proxy_config_head\" does not exist", "42P01");

        assertThatThrownBy(() -> transactions.write("change it", failingWith(refused)))
                .isInstanceOf(StoreFaultException.class)
                .hasMessageContaining("cannot change it")
                .hasMessageContaining("42P01");
        assertThat(runs).hasValue(1);
        assertThat(evictions).hasValue(0);
    }

    @Test
    void aBusyDatabaseAnswersUnavailableWithoutARetry() {
        SQLException busy = new SQLException("Timeout trying to lock table", "HYT00");

        assertThatThrownBy(() -> transactions.write("change it", failingWith(busy)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("HYT00");
        assertThat(runs).hasValue(1);
    }

    @Test
    void theWorksOwnExceptionPassesThroughUntouchedAndIsNotRetried() {
        InvalidFieldException rejection = new InvalidFieldException("url", "invalid_proxy_url", "is wrong");

        assertThatThrownBy(() -> transactions.write("change it", connection -> {
            runs.incrementAndGet();
            throw rejection;
        })).isSameAs(rejection);
        assertThat(runs).hasValue(1);
        assertThat(dataSource.connections.getFirst().rolledBack).isTrue();
    }

    @Test
    void aCommitLostOnTheWayThatLandedIsReportedAsDoneAndNotAppliedAgain() {
        dataSource.commitFailures.add(IO_ERROR);

        String result = transactions.write("change it", () -> new Attempt(runs, checks, true));

        assertThat(result).isEqualTo("attempt 1");
        assertThat(runs).as("never re-applied").hasValue(1);
        assertThat(checks).hasValue(1);
    }

    @Test
    void aCommitLostOnTheWayThatDidNotLandRunsAgain() {
        dataSource.commitFailures.add(IO_ERROR);

        String result = transactions.write("change it", () -> new Attempt(runs, checks, false));

        assertThat(result).isEqualTo("attempt 2");
        assertThat(runs).hasValue(2);
        assertThat(checks).hasValue(1);
    }

    @Test
    void aPlainWriteWhoseCommitWasLostSaysItsOutcomeIsUnknownAndIsNotRunAgain() {
        dataSource.commitFailures.add(TERMINATED);

        assertThatThrownBy(() -> transactions.write("change it", connection -> runs.incrementAndGet()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("whether it took effect is unknown");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aCommitThatTheDatabaseRefusedIsNotResolvedNorRetried() {
        dataSource.commitFailures.add(new SQLException("could not serialize access", "40001"));

        assertThatThrownBy(() -> transactions.write("change it", () -> new Attempt(runs, checks, true)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("40001");
        assertThat(runs).hasValue(1);
        assertThat(checks).hasValue(0);
    }

    @Test
    void aReadWhoseCommitWasLostStillAnswersWhatItRead() {
        dataSource.commitFailures.add(IO_ERROR);

        String read = transactions.read("read it", connection -> "snapshot");
        assertThat(read).isEqualTo("snapshot");
        assertThat(dataSource.connections).hasSize(1);
    }

    @Test
    void aWriteIsAcknowledgedOnlyAfterItsCommitIsSyncedAndAReadIsNeverSynced() {
        transactions.read("read it", connection -> 1);
        assertThat(synced).isEmpty();

        transactions.write("change it", connection -> 1);

        assertThat(synced).hasSize(1);
        assertThat(dataSource.connections.get(1).committed).isTrue();
    }

    @Test
    void aSyncThatFailsIsAFaultThatSaysTheChangeMayBeLost() {
        Transactions failingSync = new Transactions(dataSource, RetryPolicy.DEFAULT, () -> { },
                connection -> { throw new SQLException("IO Exception: fsync failed", "90028"); });

        assertThatThrownBy(() -> failingSync.write("change it", connection -> 1))
                .isInstanceOf(StoreFaultException.class)
                .hasMessageContaining("could not sync to stable storage");
    }

    /** Given back in auto-commit, a connection is not rolled back by the pool, which would empty H2's statement cache. */
    @Test
    void aCommittedConnectionIsGivenBackInAutoCommit() {
        transactions.read("read it", connection -> 1);
        transactions.write("change it", connection -> 1);

        assertThat(dataSource.connections).allSatisfy(c -> {
            assertThat(c.committed).isTrue();
            assertThat(c.autoCommit).isTrue();
            assertThat(c.closed).isTrue();
        });
    }

    @Test
    void aCheckedWriteIsToldItCommittedBeforeItsSyncSoTheNextWriterFindsItInMemory() {
        List<String> order = new ArrayList<>();
        Transactions recording = new Transactions(dataSource, RetryPolicy.DEFAULT, () -> { }, connection -> order.add("sync"));
        Transactions.CheckedWrite<String> write = new Transactions.CheckedWrite<>() {
            @Override public String run(Connection connection) { return "done"; }
            @Override public boolean landed(Connection connection) { return true; }
            @Override public void committed() { order.add("committed"); }
        };

        recording.write("change it", () -> write);

        assertThat(order).containsExactly("committed", "sync");
    }

    @Test
    void aCheckedWriteWhoseCommitWasRefusedIsNeverToldItCommitted() {
        dataSource.commitFailures.add(new SQLException("could not serialize access", "40001"));
        AtomicInteger told = new AtomicInteger();
        Transactions.CheckedWrite<String> write = new Transactions.CheckedWrite<>() {
            @Override public String run(Connection connection) { return "done"; }
            @Override public boolean landed(Connection connection) { return false; }
            @Override public void committed() { told.incrementAndGet(); }
        };

        assertThatThrownBy(() -> transactions.write("change it", () -> write)).isInstanceOf(StoreUnavailableException.class);
        assertThat(told).hasValue(0);
    }

    @Test
    void onAPoolThatHandsOutRepeatableReadAReadSetsNoIsolationAndAWriteSetsReadCommitted() {
        Transactions pooled = new Transactions(dataSource, true, RetryPolicy.DEFAULT, () -> { }, CommitSync.NONE);

        pooled.read("read it", connection -> "read");
        pooled.write("change it", connection -> "written");

        assertThat(dataSource.connections.get(0).isolationsSet).as("a read: the pool's isolation is the read's").isEmpty();
        assertThat(dataSource.connections.get(1).isolationsSet).containsExactly(Connection.TRANSACTION_READ_COMMITTED);
    }

    @Test
    void onAnyOtherDataSourceEveryUnitSetsItsIsolation() {
        transactions.read("read it", connection -> "read");
        transactions.write("change it", connection -> "written");

        assertThat(dataSource.connections.get(0).isolationsSet).containsExactly(Connection.TRANSACTION_REPEATABLE_READ);
        assertThat(dataSource.connections.get(1).isolationsSet).containsExactly(Connection.TRANSACTION_READ_COMMITTED);
    }

    /** An attempt of a checked write: counts its runs, and says whether its commit landed. */
    private record Attempt(AtomicInteger runs, AtomicInteger checks, boolean landed) implements Transactions.CheckedWrite<String> {

        @Override
        public String run(Connection connection) {
            return "attempt " + runs.incrementAndGet();
        }

        @Override
        public boolean landed(Connection connection) {
            checks.incrementAndGet();
            return landed;
        }
    }
}
