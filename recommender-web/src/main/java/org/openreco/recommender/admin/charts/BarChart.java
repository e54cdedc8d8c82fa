package org.openreco.recommender.admin.charts;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import java.util.List;
import java.util.Locale;

/**
 * Grouped bars as inline SVG: one group per category along the x axis (e.g. algorithms), one bar per
 * series in each group (e.g. NDCG at each K), all against one value axis from 0. Redrawn whole on every
 * {@link #show}; each bar carries its value as a tooltip.
 */
public class BarChart extends Div {

    /** One bar per group: its name in the legend and one value per group (NaN draws no bar). */
    public record Series(String name, double[] values) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    static final int MARGIN = 36;
    /** Share of a group's width the bars fill; the rest separates the groups. */
    static final double FILL = 0.8;
    private static final String[] COLOURS = {"#1676f3", "#e8590c", "#2b8a3e", "#ae3ec9", "#c92a2a", "#495057"};

    public BarChart(String id) {
        setId(id);
        addClassName("bar-chart");
    }

    public void show(List<String> groups, List<Series> series) {
        removeAll();
        add(new Html("<div>" + svg(groups, series) + "</div>"));
    }

    /** The SVG markup; texts are escaped, numbers formatted without locale surprises. */
    static String svg(List<String> groups, List<Series> series) {
        double max = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.values()))
                .filter(Double::isFinite).max().orElse(0);
        double top = max <= 0 ? 1 : LineChart.niceCeiling(max);
        var svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" role=\"img\" class=\"bar-chart-svg\">");
        int plotWidth = WIDTH - 2 * MARGIN;
        int plotHeight = HEIGHT - 2 * MARGIN;
        int baseline = HEIGHT - MARGIN;
        svg.append("<line x1=\"").append(MARGIN).append("\" y1=\"").append(baseline).append("\" x2=\"")
                .append(WIDTH - MARGIN).append("\" y2=\"").append(baseline).append("\" stroke=\"#adb5bd\"/>");
        svg.append(text(4, MARGIN, format(top), "start"));
        svg.append(text(4, baseline, "0", "start"));
        if (groups.isEmpty() || series.isEmpty()) {
            svg.append(text(WIDTH / 2.0, HEIGHT / 2.0, "No data yet", "middle"));
        }
        double groupWidth = groups.isEmpty() ? 0 : plotWidth / (double) groups.size();
        double barWidth = series.isEmpty() ? 0 : groupWidth * FILL / series.size();
        for (int g = 0; g < groups.size(); g++) {
            double groupLeft = MARGIN + g * groupWidth;
            svg.append(text(groupLeft + groupWidth / 2, baseline + 16, groups.get(g), "middle"));
            for (int s = 0; s < series.size(); s++) {
                double[] values = series.get(s).values();
                if (g >= values.length || !Double.isFinite(values[g])) {
                    continue;
                }
                double height = plotHeight * Math.max(0, values[g]) / top;
                double x = groupLeft + groupWidth * (1 - FILL) / 2 + s * barWidth;
                svg.append("<rect class=\"bar\" x=\"").append(format(x)).append("\" y=\"").append(format(baseline - height))
                        .append("\" width=\"").append(format(barWidth)).append("\" height=\"").append(format(height))
                        .append("\" fill=\"").append(COLOURS[s % COLOURS.length]).append("\"><title>")
                        .append(LineChart.escape(series.get(s).name() + " · " + groups.get(g) + ": "
                                + String.format(Locale.ROOT, "%.4f", values[g])))
                        .append("</title></rect>");
            }
        }
        for (int s = 0; s < series.size(); s++) {
            svg.append("<rect x=\"").append(MARGIN + 110 * s).append("\" y=\"6\" width=\"10\" height=\"10\" fill=\"")
                    .append(COLOURS[s % COLOURS.length]).append("\"/>");
            svg.append(text(MARGIN + 110 * s + 14, 15, series.get(s).name(), "start"));
        }
        return svg.append("</svg>").toString();
    }

    private static String text(double x, double y, String content, String anchor) {
        return "<text x=\"" + format(x) + "\" y=\"" + format(y) + "\" font-size=\"11\" fill=\"#495057\" text-anchor=\""
                + anchor + "\">" + LineChart.escape(content) + "</text>";
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
