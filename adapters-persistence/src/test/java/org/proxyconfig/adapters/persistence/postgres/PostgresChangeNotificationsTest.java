package org.proxyconfig.adapters.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.proxyconfig.adapters.persistence.Database;
import org.proxyconfig.adapters.persistence.JdbcProxyConfigStore;
import org.proxyconfig.adapters.persistence.crypto.AesGcmSecretCipher;
import org.proxyconfig.adapters.persistence.crypto.EncryptionKey;
import org.proxyconfig.application.Eventually;
import org.proxyconfig.application.port.out.ChangeNotifications;
import org.proxyconfig.application.port.out.ProxyConfigStore;
import org.proxyconfig.domain.ProxyConfig;

/**
 * LISTEN/NOTIFY on a real PostgreSQL: a committed write is announced to another instance's
 * listener, a rolled-back one is not, and a listener whose server went away says so and listens
 * again, by itself, when the server is back.
 */
class PostgresChangeNotificationsTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:15:30Z");

    @RegisterExtension
    static final PostgresClusterExtension postgres = new PostgresClusterExtension("notifications");

    /** What a listener heard, in order. */
    private static final class Heard implements ChangeNotifications.Listener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override public void revisionAnnounced(long revision) { events.add("revision " + revision); }
        @Override public void listening() { events.add("listening"); }
        @Override public void interrupted(String reason) { events.add("interrupted: " + reason); }

        String next(Duration within) throws InterruptedException {
            String e = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(e).as("an event within " + within).isNotNull();
            return e;
        }
    }

    @Test
    void aCommittedRevisionIsAnnouncedToAnotherInstanceAndARolledBackOneIsNot() throws Exception {
        String url = postgres.newDatabase("announce");
        try (Database writer = open(url); Database reader = open(url)) {
            ProxyConfigStore store = JdbcProxyConfigStore.open(writer, new AesGcmSecretCipher(EncryptionKey.generate()));
            Heard heard = new Heard();
            try (var subscription = reader.changeNotifications().listen(heard)) {
                assertThat(heard.next(Duration.ofSeconds(10))).isEqualTo("listening");

                try {
                    store.write(log -> {
                        log.append(ProxyConfig.DEFAULTS, AT, "rolled-back");
                        throw new IllegalStateException("roll back");
                    });
                } catch (IllegalStateException expected) {
                    // nothing committed
                }
                store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, "committed"));

                assertThat(heard.next(Duration.ofSeconds(5))).isEqualTo("revision 1");
                assertThat(heard.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
            }
        }
    }

    @Test
    void aListenerWhoseServerStopsSaysSoAndListensAgainWhenItIsBack() throws Exception {
        String url = postgres.newDatabase("outage");
        try (Database database = open(url)) {
            Heard heard = new Heard();
            try (var subscription = database.changeNotifications().listen(heard)) {
                assertThat(heard.next(Duration.ofSeconds(10))).isEqualTo("listening");
                Eventually.until("an idle connection in the pool", Duration.ofSeconds(10), () -> idleConnections(database) > 0);

                postgres.cluster().stop();
                assertThat(heard.next(Duration.ofSeconds(10))).startsWith("interrupted: SQL state");
                // Evicted before the listener heard of it: no request is handed a connection the server dropped.
                assertThat(idleConnections(database)).as("idle connections after the interruption").isZero();

                postgres.cluster().restart();
                String event;
                do {
                    event = heard.next(Duration.ofSeconds(20));
                } while (event.startsWith("interrupted"));
                assertThat(event).isEqualTo("listening");

                ProxyConfigStore store = JdbcProxyConfigStore.open(database,
                        new AesGcmSecretCipher(EncryptionKey.generate()));
                store.write(log -> log.append(ProxyConfig.DEFAULTS, AT, "after the outage"));
                assertThat(heard.next(Duration.ofSeconds(5))).isEqualTo("revision 1");
            }
        } finally {
            postgres.cluster().restart();
        }
    }

    private static int idleConnections(Database database) {
        try {
            return database.dataSource().unwrap(HikariDataSource.class).getHikariPoolMXBean().getIdleConnections();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static Database open(String url) {
        return Database.open(url, PostgresCluster.USER, PostgresCluster.PASSWORD);
    }
}
