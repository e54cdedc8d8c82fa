package org.openreco.recommender.admin.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.recommendations.boundary.ClickThroughReport;
import org.openreco.recommender.recommendations.boundary.DailyClickThrough;

class ClickThroughSeriesTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);

    final ClickThroughReport report = new ClickThroughReport("shop", MONDAY, MONDAY.plusDays(3), List.of(
            new DailyClickThrough(MONDAY, "content", 10, 2, 0.2),
            new DailyClickThrough(MONDAY, "trending", 4, 1, 0.25),
            new DailyClickThrough(MONDAY.plusDays(2), "content", 5, 0, 0.0)));

    @Test
    void each_source_has_one_value_per_day_of_the_window_and_a_gap_where_it_showed_nothing() {
        var series = ClickThroughSeries.daily(report);

        assertEquals(List.of("content", "trending"), series.stream().map(s -> s.name()).toList());
        assertArrayEquals(new double[] {0.2, Double.NaN, 0.0, Double.NaN}, series.get(0).values());
        assertArrayEquals(new double[] {0.25, Double.NaN, Double.NaN, Double.NaN}, series.get(1).values());
    }

    @Test
    void totals_sum_impressions_and_clicks_per_source_over_the_window() {
        var totals = ClickThroughSeries.totals(report);

        assertEquals(List.of(new ClickThroughSeries.Total("content", 15, 2), new ClickThroughSeries.Total("trending", 4, 1)), totals);
        assertEquals(2 / 15.0, totals.getFirst().ctr(), 1e-12);
    }
}
