package org.openreco.recommender.interactions.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SeparateTransactionsTest {

    @Test
    void only_a_deadlock_anywhere_in_the_causes_is_written_again() {
        assertTrue(SeparateTransactions.deadlocked(new RuntimeException(new IllegalStateException(
                new SQLException("deadlock detected", "40P01")))));
        assertFalse(SeparateTransactions.deadlocked(new IllegalStateException(new SQLException("canceling statement", "57014"))));
        assertFalse(SeparateTransactions.deadlocked(new IllegalStateException("no SQL at all")));
    }
}
