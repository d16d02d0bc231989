package org.proxyconfig.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.proxyconfig.adapters.persistence.crypto.SealedValueException;
import org.proxyconfig.adapters.persistence.crypto.SecretCipher;
import org.proxyconfig.application.StoreFaultException;
import org.proxyconfig.domain.ProxyConfigError;
import org.proxyconfig.domain.ProxyConfigRules;
import org.proxyconfig.domain.ProxyRoute;
import org.proxyconfig.domain.ProxyRoutes;
import org.proxyconfig.domain.ProxyType;
import org.proxyconfig.domain.Purpose;
import org.proxyconfig.domain.RouteProxy;
import org.proxyconfig.domain.RouteVia;
import org.proxyconfig.domain.Secret;

/**
 * Maps the per-target routes of a revision to rows of {@code proxy_config_route} and back, one row
 * per route in order. A route proxy's password is sealed by the same {@link SecretCipher} as the
 * main password, bound to its revision and index, so it never reaches the database in plain text
 * and a sealed value copied to another row does not open. Columns are read by position, as in
 * {@link RevisionRows}.
 */
final class RouteRows {

    private static final String COLUMNS = "revision, route_index, match_entries, purposes, via, proxy_type, url,"
            + " username, password_sealed, timeout_seconds, skip_tls_verify, ca_cert_pem,"
            + " fallback_urls, fallback_cooldown";
    private static final String INSERT = "INSERT INTO proxy_config_route (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_RANGE = "SELECT " + COLUMNS + " FROM proxy_config_route"
            + " WHERE revision BETWEEN ? AND ? ORDER BY revision, route_index";

    private final SecretCipher cipher;

    RouteRows(SecretCipher cipher) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /** The AEAD context of a stored route password: it only opens in the row it was written to. */
    static String passwordContext(long revision, int index) {
        return "proxy_config_route.password_sealed:" + revision + ":" + index;
    }

    /** Inserts the rows of {@code routes} as those of revision {@code revision}; nothing for none. */
    void insert(Connection connection, long revision, ProxyRoutes routes) throws SQLException {
        if (routes.isEmpty()) return;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < routes.size(); i++) {
                bind(insert, revision, i, routes.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void bind(PreparedStatement insert, long revision, int index, ProxyRoute route) throws SQLException {
        insert.setLong(1, revision);
        insert.setInt(2, index);
        insert.setString(3, route.match().normalized());
        insert.setString(4, route.purposes().stream().map(Purpose::wireName).collect(Collectors.joining(",")));
        RouteProxy own = route.via().ownProxy().orElse(null);
        insert.setString(5, own != null ? "proxy" : route.via().describe());
        insert.setString(6, own == null ? "" : own.type().wireName());
        insert.setString(7, own == null ? "" : own.url());
        insert.setString(8, own == null ? "" : own.username());
        insert.setString(9, own == null ? "" : cipher.seal(own.password().reveal(), passwordContext(revision, index)));
        insert.setInt(10, own == null ? 0 : own.timeoutSeconds());
        insert.setBoolean(11, own != null && own.skipTlsVerify());
        insert.setString(12, own == null ? "" : own.caCertPem());
        insert.setString(13, own == null ? "" : StoredLists.join(own.fallbackUrls()));
        insert.setInt(14, own == null ? ProxyConfigRules.DEFAULT_FALLBACK_COOLDOWN_SECONDS : own.fallbackCooldownSeconds());
    }

    /** The routes of revision {@code revision}, {@link ProxyRoutes#NONE} when it has none. */
    ProxyRoutes read(Connection connection, long revision) throws SQLException {
        return readRange(connection, revision, revision).getOrDefault(revision, ProxyRoutes.NONE);
    }

    /** The routes of every revision from {@code lowest} to {@code highest} that has any, by revision. */
    Map<Long, ProxyRoutes> readRange(Connection connection, long lowest, long highest) throws SQLException {
        Map<Long, ProxyRoutes.Builder> builders = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_RANGE)) {
            select.setLong(1, lowest);
            select.setLong(2, highest);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long revision = rs.getLong(1);
                    addRoute(builders.computeIfAbsent(revision, r -> ProxyRoutes.builder()), revision, rs);
                }
            }
        }
        Map<Long, ProxyRoutes> routes = new HashMap<>();
        builders.forEach((revision, builder) -> routes.put(revision, build(revision, builder)));
        return routes;
    }

    private void addRoute(ProxyRoutes.Builder builder, long revision, ResultSet row) throws SQLException {
        int index = row.getInt(2);
        String match = row.getString(3);
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        Arrays.stream(row.getString(4).split(",")).filter(s -> !s.isEmpty()).map(Purpose::fromWire).forEach(purposes::add);
        try {
            switch (row.getString(5)) {
                case "direct" -> builder.add(match, purposes, RouteVia.DIRECT);
                case "default" -> builder.add(match, purposes, RouteVia.DEFAULT);
                default -> builder.add(match, purposes, RouteVia.proxy(RouteProxy.builder()
                        .type(ProxyType.fromWire(row.getString(6))).url(row.getString(7)).username(row.getString(8))
                        .password(Secret.of(open(row.getString(9), revision, index))).timeoutSeconds(row.getInt(10))
                        .skipTlsVerify(row.getBoolean(11)).caCertPem(row.getString(12))
                        .fallbackUrls(StoredLists.split(row.getString(13))).fallbackCooldownSeconds(row.getInt(14)).build()));
            }
        } catch (ProxyConfigError e) {
            throw broken(revision, e);
        }
    }

    private static ProxyRoutes build(long revision, ProxyRoutes.Builder builder) {
        try {
            return builder.build();
        } catch (ProxyConfigError e) {
            throw broken(revision, e);
        }
    }

    private static StoreFaultException broken(long revision, ProxyConfigError e) {
        // A stored row the rules now refuse is a broken store, not a bad request of the caller.
        return new StoreFaultException("the routes of revision " + revision + " in the database are not valid ("
                + e.getMessage() + "): they were changed outside proxy-config; restore an earlier revision"
                + " (POST /api/proxy-config/history/{n}/restore) or the database from a backup", e);
    }

    private String open(String sealed, long revision, int index) {
        try {
            return cipher.open(sealed, passwordContext(revision, index));
        } catch (SealedValueException e) {
            throw new StoreFaultException("the password of route " + index + " of revision " + revision
                    + " cannot be decrypted with this instance's encryption key (" + e.getMessage() + "): every"
                    + " instance on one database must start with the same PROXY_CONFIG_ENCRYPTION_KEY (docs/deployment.md)", e);
        }
    }
}
