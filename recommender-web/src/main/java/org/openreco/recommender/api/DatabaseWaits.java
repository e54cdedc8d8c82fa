package org.openreco.recommender.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognises a failure that is a bounded wait on the database running out, not a bug: a lock or statement
 * timeout, a lost or refused connection, no pooled connection within the datasource's blocking timeout.
 * Those answer 503 with Retry-After: the request may well succeed a little later.
 */
final class DatabaseWaits {

    /** PostgreSQL: lock_not_available (lock_timeout), query_canceled (statement_timeout), admin/crash shutdown, cannot connect now. */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "57014", "57P01", "57P02", "57P03");

    private DatabaseWaits() {
    }

    static boolean ranOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (TRANSIENT_STATES.contains(sql.getSQLState()) || sql.getSQLState().startsWith("08"))) {
                return true;
            }
            // IronJacamar: no managed connection within blocking-timeout-wait-millis (a ResourceException, or its text)
            String message = cause.getMessage();
            if (message != null && message.contains("IJ000453")) {
                return true;
            }
        }
        return false;
    }
}
