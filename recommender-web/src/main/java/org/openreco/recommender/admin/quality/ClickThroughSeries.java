package org.openreco.recommender.admin.quality;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openreco.recommender.admin.charts.LineChart;
import org.openreco.recommender.recommendations.boundary.ClickThroughReport;
import org.openreco.recommender.recommendations.boundary.DailyClickThrough;

/** A click-through report as a chart (CTR per source on every day of the window) and totals per source. */
final class ClickThroughSeries {

    /** A source's impressions and clicks over the whole window. */
    record Total(String source, long impressions, long clicks) {

        double ctr() {
            return impressions == 0 ? 0 : (double) clicks / impressions;
        }
    }

    private ClickThroughSeries() {
    }

    /** One series per source, one value per day from the report's first to last day; NaN on a day without impressions. */
    static List<LineChart.Series> daily(ClickThroughReport report) {
        int days = (int) ChronoUnit.DAYS.between(report.from(), report.to()) + 1;
        var bySource = new TreeMap<String, double[]>();
        for (DailyClickThrough day : report.days()) {
            double[] values = bySource.computeIfAbsent(day.source(), s -> nan(days));
            int index = (int) ChronoUnit.DAYS.between(report.from(), day.day());
            if (index >= 0 && index < days) {
                values[index] = day.ctr();
            }
        }
        var series = new ArrayList<LineChart.Series>();
        bySource.forEach((source, values) -> series.add(new LineChart.Series(source, values)));
        return series;
    }

    static List<Total> totals(ClickThroughReport report) {
        Map<String, long[]> sums = new TreeMap<>();
        for (DailyClickThrough day : report.days()) {
            long[] sum = sums.computeIfAbsent(day.source(), s -> new long[2]);
            sum[0] += day.impressions();
            sum[1] += day.clicks();
        }
        return sums.entrySet().stream().map(e -> new Total(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    private static double[] nan(int days) {
        double[] values = new double[days];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
