package org.openreco.recommender.admin.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {

    @Test
    void bars_stand_on_the_baseline_scaled_to_the_axis_top() {
        // max 0.3 -> axis top 0.5; plot 568 wide from x=36, 148 high above y=184; two groups of 284,
        // one bar filling 80 % of each, centred: x = 36 + 28.4 and 36 + 284 + 28.4, width 227.2
        String svg = BarChart.svg(List.of("popularity", "ials"), List.of(new BarChart.Series("NDCG@10", new double[] {0.1, 0.3})));
        // 0.1 -> height 148 * 0.1 / 0.5 = 29.6; 0.3 -> 88.8
        assertTrue(svg.contains("x=\"64.40\" y=\"154.40\" width=\"227.20\" height=\"29.60\""), svg);
        assertTrue(svg.contains("x=\"348.40\" y=\"95.20\" width=\"227.20\" height=\"88.80\""), svg);
        assertTrue(svg.contains(">0.50<"), svg);
        assertTrue(svg.contains("<title>NDCG@10 · ials: 0.3000</title>"), svg);
    }

    @Test
    void series_sit_side_by_side_within_a_group_and_missing_values_draw_no_bar() {
        String svg = BarChart.svg(List.of("a"), List.of(new BarChart.Series("@10", new double[] {1}),
                new BarChart.Series("@20", new double[] {Double.NaN})));
        assertEquals(1, svg.split("class=\"bar\"", -1).length - 1, svg);
        // one group of 568, two bars of 568 * 0.8 / 2 = 227.2; the first starts at 36 + 56.8
        assertTrue(svg.contains("x=\"92.80\""), svg);
    }

    @Test
    void names_are_escaped_and_an_empty_chart_says_so() {
        String svg = BarChart.svg(List.of("<b>"), List.of(new BarChart.Series("\"&\"", new double[] {1})));
        assertFalse(svg.contains("<b>"), svg);
        assertTrue(svg.contains("&lt;b&gt;") && svg.contains("&quot;&amp;&quot;"), svg);
        assertTrue(BarChart.svg(List.of(), List.of()).contains("No data yet"));
    }
}
