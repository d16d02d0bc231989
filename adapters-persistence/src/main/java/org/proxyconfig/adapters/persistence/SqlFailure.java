package org.proxyconfig.adapters.persistence;

import java.sql.SQLException;
import java.util.Objects;

/**
 * A statement failed inside work that cannot throw {@link SQLException} (a {@code RevisionLog}
 * call): carries it, and what was being done, out to {@link Transactions}, which decides whether
 * the unit of work runs again and which exception the application sees.
 */
final class SqlFailure extends RuntimeException {

    private final String what;

    SqlFailure(String what, SQLException cause) {
        super(what, Objects.requireNonNull(cause, "cause"), false, false);
        this.what = what;
    }

    String what() {
        return what;
    }

    SQLException sqlException() {
        return (SQLException) getCause();
    }
}
