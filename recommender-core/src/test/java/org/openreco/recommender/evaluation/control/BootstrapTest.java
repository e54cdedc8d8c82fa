package org.openreco.recommender.evaluation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void a_gain_every_user_shares_has_no_spread() {
        // a is b + 10 % for every user: every resample's ratio is 1.1
        double[] b = {0.2, 0.4, 0.5, Double.NaN};
        double[] a = {0.22, 0.44, 0.55, 0.9};
        double[] gain = Bootstrap.pairedGain(a, b);
        assertEquals(0.1, gain[0], 1e-9, "the NaN user is left out of both");
        assertEquals(0.1, gain[1], 1e-9);
        assertEquals(0.1, gain[2], 1e-9);
    }

    @Test
    void gains_that_differ_between_users_give_an_interval_around_the_whole_gain() {
        double[] a = new double[200], b = new double[200];
        for (int u = 0; u < a.length; u++) {
            b[u] = 0.5;
            a[u] = u % 2 == 0 ? 0.6 : 0.45; // mean 0.525: +5 %
        }
        double[] gain = Bootstrap.pairedGain(a, b);
        assertEquals(0.05, gain[0], 1e-9);
        assertTrue(gain[1] < 0.05 && 0.05 < gain[2] && gain[1] > 0, java.util.Arrays.toString(gain));
    }
}
