package org.openreco.recommender.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private long now = 1_000_000_000L;
    private final FailedLogins logins = new FailedLogins(3, Duration.ofSeconds(60), 4, () -> now);

    @Test
    void the_third_failure_in_a_row_locks_the_address_for_the_window() {
        assertFalse(logins.failed("10.0.0.1"));
        assertFalse(logins.failed("10.0.0.1"));
        assertEquals(Duration.ZERO, logins.lockedFor("10.0.0.1"));
        assertTrue(logins.failed("10.0.0.1"));
        assertEquals(Duration.ofSeconds(60), logins.lockedFor("10.0.0.1"));
        now += Duration.ofSeconds(45).toNanos();
        assertEquals(Duration.ofSeconds(15), logins.lockedFor("10.0.0.1"));
        now += Duration.ofSeconds(15).toNanos();
        assertEquals(Duration.ZERO, logins.lockedFor("10.0.0.1"));
    }

    @Test
    void another_address_is_not_locked_out() {
        logins.failed("10.0.0.1");
        logins.failed("10.0.0.1");
        logins.failed("10.0.0.1");
        assertEquals(Duration.ZERO, logins.lockedFor("10.0.0.2"));
    }

    @Test
    void a_success_forgives_the_failures_before_it() {
        logins.failed("10.0.0.1");
        logins.failed("10.0.0.1");
        logins.succeeded("10.0.0.1");
        assertFalse(logins.failed("10.0.0.1"));
        assertFalse(logins.failed("10.0.0.1"));
        assertEquals(Duration.ZERO, logins.lockedFor("10.0.0.1"));
    }

    @Test
    void failures_older_than_the_window_are_forgotten() {
        logins.failed("10.0.0.1");
        logins.failed("10.0.0.1");
        now += Duration.ofSeconds(61).toNanos();
        assertFalse(logins.failed("10.0.0.1"));
        assertFalse(logins.failed("10.0.0.1"));
    }

    @Test
    void after_a_lockout_the_address_gets_its_full_count_again() {
        for (int i = 0; i < 3; i++) {
            logins.failed("10.0.0.1");
        }
        now += Duration.ofSeconds(60).toNanos();
        assertFalse(logins.failed("10.0.0.1"));
        assertFalse(logins.failed("10.0.0.1"));
        assertTrue(logins.failed("10.0.0.1"));
    }

    @Test
    void a_flood_of_addresses_keeps_the_table_bounded() {
        for (int i = 0; i < 3; i++) {
            logins.failed("10.0.0.1");
        }
        for (int i = 2; i < 4; i++) {
            logins.failed("10.0.0." + i);
        }
        assertEquals(Duration.ofSeconds(60), logins.lockedFor("10.0.0.1"), "below the bound nothing is dropped");
        for (int i = 4; i < 50; i++) {
            logins.failed("10.0.0." + i);
            assertTrue(logins.tracked() <= 4, "addresses tracked: " + logins.tracked());
        }
    }
}
