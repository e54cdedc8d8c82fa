package org.openreco.recommender.admin.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineChartTest {

    @Test
    void axis_tops_are_one_two_or_five_times_a_power_of_ten() {
        assertEquals(1, LineChart.niceCeiling(0.7), 1e-12);
        assertEquals(2, LineChart.niceCeiling(1.2), 1e-12);
        assertEquals(500, LineChart.niceCeiling(321), 1e-9);
        assertEquals(1000, LineChart.niceCeiling(501), 1e-9);
        assertEquals(0.05, LineChart.niceCeiling(0.042), 1e-12);
    }

    @Test
    void points_span_the_plot_and_scale_to_the_axis_top() {
        // two points, max 4 -> axis top 5; plot from x=36 to x=604, y from 164 (0) to 36 (top)
        String svg = LineChart.svg(List.of(new LineChart.Series("p95", new double[] {0, 4})), "a", "b", "ms");
        // y of 4 = 164 - 128 * 4 / 5 = 61.6
        assertTrue(svg.contains("d=\"M36 164 L604 61.60\""), svg);
        assertTrue(svg.contains(">5 ms<"), svg);
    }

    @Test
    void a_missing_value_breaks_the_line() {
        String svg = LineChart.svg(List.of(new LineChart.Series("s", new double[] {1, Double.NaN, 1})), "", "", "");
        // x positions 36, 320, 604; the third point starts a new segment
        assertTrue(svg.contains("d=\"M36 36 M604 36\""), svg);
    }

    @Test
    void names_and_labels_are_escaped() {
        String svg = LineChart.svg(List.of(new LineChart.Series("<script>alert(1)</script>", new double[] {1})),
                "\"x\"", "&", "");
        assertFalse(svg.contains("<script>"), svg);
        assertTrue(svg.contains("&lt;script&gt;"), svg);
        assertTrue(svg.contains("&quot;x&quot;") && svg.contains(">&amp;<"), svg);
    }

    @Test
    void an_empty_chart_says_so() {
        assertTrue(LineChart.svg(List.of(), "", "", "").contains("No data yet"));
    }
}
