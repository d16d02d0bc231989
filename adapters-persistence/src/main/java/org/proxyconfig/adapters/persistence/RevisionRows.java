package org.proxyconfig.adapters.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.proxyconfig.adapters.persistence.crypto.SealedValueException;
import org.proxyconfig.adapters.persistence.crypto.SecretCipher;
import org.proxyconfig.application.StoreFaultException;
import org.proxyconfig.domain.ConfigField;
import org.proxyconfig.domain.ProxyConfig;
import org.proxyconfig.domain.ProxyConfigError;
import org.proxyconfig.domain.Revision;

/**
 * Maps a revision to a row of {@code proxy_config_revision} and back, one column per
 * {@link ConfigField} after the revision's own three: a secret is sealed by the
 * {@link SecretCipher} on the way in and opened on the way out, so it never reaches the database
 * in plain text. Columns are read by position: H2 builds a map of the labels for every result set
 * read by name, and every write reads a row.
 */
final class RevisionRows {

    /** The revision's own columns, before the fields'. */
    private static final List<String> REVISION_COLUMNS = List.of("revision", "created_at", "actor");
    private static final List<ConfigField> FIELDS = List.of(ConfigField.values());

    /** Every column a revision is read from, in the order {@link #read} expects. */
    static final String COLUMNS = Stream.concat(REVISION_COLUMNS.stream(), FIELDS.stream().map(RevisionRows::column))
            .collect(Collectors.joining(", "));

    /** The insert of a revision, its write id last ({@link #bind}). */
    static final String INSERT = "INSERT INTO proxy_config_revision (" + COLUMNS + ", write_id) VALUES ("
            + "?, ".repeat(REVISION_COLUMNS.size() + FIELDS.size()) + "?)";

    private final SecretCipher cipher;
    private final RouteRows routes;

    RevisionRows(SecretCipher cipher) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.routes = new RouteRows(cipher);
    }

    /** The rows of a revision's routes, sealed with the same cipher. */
    RouteRows routes() {
        return routes;
    }

    /**
     * The column of a field: its wire name, but {@code proxy_type} and {@code timeout_seconds} as
     * the first schema named them (renaming would break instances of an older version that share
     * the database), and a secret's with {@code _sealed}, since it holds ciphertext.
     */
    static String column(ConfigField field) {
        return switch (field) {
            case TYPE -> "proxy_type";
            case TIMEOUT -> "timeout_seconds";
            default -> field.secret() ? field.wireName() + "_sealed" : field.wireName();
        };
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object wireValue) {
        return (List<String>) wireValue;
    }

    /** The AEAD context of a stored password: a sealed value only opens in the row it was written to. */
    static String passwordContext(long revision) {
        return "proxy_config_revision.password_sealed:" + revision;
    }

    /** Sets the parameters of {@link #INSERT}. */
    void bind(PreparedStatement insert, Revision revision, String writeId) throws SQLException {
        insert.setLong(1, revision.number());
        insert.setObject(2, OffsetDateTime.ofInstant(revision.at(), ZoneOffset.UTC));
        insert.setString(3, revision.actor());
        int at = REVISION_COLUMNS.size();
        for (ConfigField field : FIELDS) {
            Object value = field.valueIn(revision.config());
            at++;
            switch (field.kind()) {
                case BOOLEAN -> insert.setBoolean(at, (Boolean) value);
                case STRING -> insert.setString(at, (String) value);
                case SECRET -> insert.setString(at, cipher.seal((String) value, passwordContext(revision.number())));
                case WHOLE_NUMBER -> insert.setInt(at, Math.toIntExact((Long) value));
                case STRING_LIST -> insert.setString(at, StoredLists.join(castList(value)));
            }
        }
        insert.setString(at + 1, writeId);
    }

    /**
     * The revision in the current row of a result set that selected {@link #COLUMNS}, without its
     * routes ({@link RouteRows} reads those).
     *
     * @throws StoreFaultException when the row cannot be opened with this key or no longer passes the
     *                             rules: a broken store, which no retry mends
     */
    Revision read(ResultSet row) throws SQLException {
        long number = row.getLong(1);
        Instant at = row.getObject(2, OffsetDateTime.class).toInstant();
        String actor = row.getString(3);
        ProxyConfig.Builder config = ProxyConfig.builder();
        int column = REVISION_COLUMNS.size();
        try {
            for (ConfigField field : FIELDS) {
                column++;
                Object value = switch (field.kind()) {
                    case BOOLEAN -> row.getBoolean(column);
                    case STRING -> row.getString(column);
                    case SECRET -> open(row.getString(column), number);
                    case WHOLE_NUMBER -> row.getLong(column);
                    case STRING_LIST -> StoredLists.split(row.getString(column));
                };
                field.applyTo(config, value);
            }
            return new Revision(number, at, actor, config.build());
        } catch (ProxyConfigError e) {
            // A stored row the rules now refuse is a broken store, not a bad request of the caller.
            throw new StoreFaultException("revision " + number + " in the database is not a valid configuration ("
                    + e.getMessage() + "): it was changed outside proxy-config; restore an earlier revision"
                    + " (POST /api/proxy-config/history/{n}/restore) or the database from a backup", e);
        }
    }

    private String open(String sealed, long revision) {
        try {
            return cipher.open(sealed, passwordContext(revision));
        } catch (SealedValueException e) {
            throw new StoreFaultException("the password of revision " + revision + " cannot be decrypted with this"
                    + " instance's encryption key (" + e.getMessage() + "): every instance on one database must"
                    + " start with the same PROXY_CONFIG_ENCRYPTION_KEY (docs/deployment.md)", e);
        }
    }
}
