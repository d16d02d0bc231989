package org.proxyconfig.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.util.Properties;
import org.proxyconfig.application.port.out.ChangeNotifications;

/**
 * A server database (PostgreSQL) behind HikariCP, limits chosen for a store of rare, short
 * transactions shared by a few instances (docs/decisions/0008-postgresql-and-propagation.md): at
 * most {@value #MAX_CONNECTIONS} connections per instance, 2 kept idle; a request waits at most
 * {@value #CONNECTION_WAIT_MILLIS} ms for one, so a database outage answers 503 quickly instead of
 * holding requests; connections are checked every 2 minutes when idle and replaced after 30
 * minutes. PostgreSQL's driver gets a 5 s connect and a 30 s socket timeout, so a database that
 * vanished without closing its sockets is noticed too.
 *
 * <p>No validation query on every borrow (every GET would pay a round trip): HikariCP checks a
 * connection only when it was idle for more than half a second, so one that a restarted server
 * dropped just after its last use is handed out all the same. {@link Transactions} runs the unit
 * of work again on a fresh one, and evicts the idle ones, which the server dropped too; so does
 * the listening connection when it is interrupted, before any request finds out.
 */
final class ServerPool {

    private static final int MAX_CONNECTIONS = 10;
    private static final int CONNECTION_WAIT_MILLIS = 3_000;

    private ServerPool() {
    }

    static Database open(String jdbcUrl, String user, String password, String location) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("proxy-config");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECTION_WAIT_MILLIS);
        config.setValidationTimeout(2_000);
        config.setKeepaliveTime(120_000);
        config.setIdleTimeout(600_000);
        config.setMaxLifetime(1_800_000);
        // Handed out, and put back when a write changed it, at the isolation a read asks for: see Transactions.
        config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        driverProperties(jdbcUrl).forEach((k, v) -> config.addDataSourceProperty((String) k, v));
        HikariDataSource pool = new HikariDataSource(config);
        Runnable evictIdle = () -> {
            if (pool.getHikariPoolMXBean() != null) pool.getHikariPoolMXBean().softEvictConnections();
        };
        Transactions transactions = new Transactions(pool, true, RetryPolicy.DEFAULT, evictIdle, CommitSync.NONE);
        return new Database(pool, transactions, location, pool::close,
                () -> pool.getHikariPoolMXBean() == null ? 0 : pool.getHikariPoolMXBean().getActiveConnections(),
                notifications(jdbcUrl, user, password, location, evictIdle));
    }

    /**
     * LISTEN/NOTIFY on a connection of its own, outside the pool, on PostgreSQL; nothing elsewhere.
     * An interrupted listener evicts the pool's idle connections: the server dropped them too.
     */
    private static ChangeNotifications notifications(String jdbcUrl, String user, String password, String location,
                                                     Runnable evictIdle) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) return ChangeNotifications.NONE;
        return new PostgresChangeNotifications(() -> {
            Properties props = driverProperties(jdbcUrl);
            props.setProperty("user", user);
            props.setProperty("password", password);
            props.setProperty("ApplicationName", "proxy-config (listen)");
            return DriverManager.getConnection(jdbcUrl, props);
        }, location, evictIdle);
    }

    private static Properties driverProperties(String jdbcUrl) {
        Properties p = new Properties();
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            p.setProperty("connectTimeout", "5");
            p.setProperty("socketTimeout", "30");
            p.setProperty("tcpKeepAlive", "true");
            p.setProperty("ApplicationName", "proxy-config");
        }
        return p;
    }
}
