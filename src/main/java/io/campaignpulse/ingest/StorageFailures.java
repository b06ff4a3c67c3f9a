package io.campaignpulse.ingest;

import java.sql.SQLException;

import io.vertx.sqlclient.DatabaseException;

/**
 * Reads why the database refused a write. Only the database's own verdict on the data counts as
 * "this can never be stored"; anything else (a lost connection, a timeout, a closed pool, a
 * serialisation conflict) is taken as "the database is unavailable", to be retried.
 */
final class StorageFailures {

    private StorageFailures() {
    }

    /** The SQLSTATE the database answered, or null when the failure did not come from the database. */
    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException database && database.getSqlState() != null) {
                return database.getSqlState();
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * Whether the database refused the data itself: class 22 (data exception: a value out of range,
     * an invalid text representation, an untranslatable character), class 54 (program limit exceeded:
     * an index entry too large, a value too deep) and class 23 (integrity constraint) except unique
     * violations (23505), which our inserts never raise (ON CONFLICT) and which a race could make pass
     * on the next attempt. A refusal of this kind repeats on every retry of the same data.
     */
    static boolean refusesTheData(Throwable failure) {
        String state = sqlState(failure);
        if (state == null || state.length() != 5) {
            return false;
        }
        return state.startsWith("22") || state.startsWith("54") || (state.startsWith("23") && !"23505".equals(state));
    }

    /** A short description for a dead letter: the database's SQLSTATE and message. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg) {
                return "the database refused it (SQLSTATE " + pg.getSqlState() + "): " + pg.getErrorMessage();
            }
        }
        return "the database refused it (SQLSTATE " + sqlState(failure) + ")";
    }
}
