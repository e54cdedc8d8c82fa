package org.openreco.recommender.embedding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LagWindowTest {

    @Test
    void percentiles_are_nearest_rank_over_the_lags_inside_the_window() {
        var window = new LagWindow(1_000);
        for (int lag = 1; lag <= 100; lag++) {
            window.add(5_000, lag);
        }
        assertEquals(50, window.percentile(0.5, 5_500));
        assertEquals(95, window.percentile(0.95, 5_500));
        assertEquals(0, window.percentile(0.5, 6_001), "all older than the window");
    }
}
