package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseWaitsTest {

    @Test
    void lock_and_statement_timeouts_and_lost_connections_are_waits_that_ran_out() {
        assertTrue(DatabaseWaits.ranOut(new EJBException(new IllegalStateException(new SQLException("canceling statement", "57014")))));
        assertTrue(DatabaseWaits.ranOut(new IllegalStateException(new SQLException("could not obtain lock", "55P03"))));
        assertTrue(DatabaseWaits.ranOut(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertTrue(DatabaseWaits.ranOut(new IllegalStateException(new SQLException(
                "IJ031019: You are trying to use a connection factory that has been shut down: IJ000453: Unable to get managed connection"))));
    }

    @Test
    void other_database_errors_and_bugs_are_not() {
        assertFalse(DatabaseWaits.ranOut(new SQLException("duplicate key value", "23505")));
        assertFalse(DatabaseWaits.ranOut(new SQLException("no state")));
        assertFalse(DatabaseWaits.ranOut(new NullPointerException()));
    }
}
