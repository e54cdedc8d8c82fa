package org.openreco.recommender.admin.charts;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of a few series over a shared x axis, rendered as inline SVG. Redrawn whole on every
 * {@link #show}: the console's series are short (tens to hundreds of points).
 */
public class LineChart extends Div {

    /** One line: its name in the legend and one value per x position (NaN leaves a gap). */
    public record Series(String name, double[] values) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    static final int MARGIN = 36;
    private static final String[] COLOURS = {"#1676f3", "#e8590c", "#2b8a3e", "#ae3ec9", "#c92a2a", "#495057"};

    private final String unit;

    public LineChart(String id, String unit) {
        this.unit = unit;
        setId(id);
        addClassName("line-chart");
    }

    /** Replaces the chart with these series; {@code xLabels} names the first and last x positions. */
    public void show(List<Series> series, String firstX, String lastX) {
        removeAll();
        add(new Html("<div>" + svg(series, firstX, lastX, unit) + "</div>"));
    }

    /** The SVG markup; texts are escaped, numbers formatted without locale surprises. */
    static String svg(List<Series> series, String firstX, String lastX, String unit) {
        int points = series.stream().mapToInt(s -> s.values().length).max().orElse(0);
        double max = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.values()))
                .filter(Double::isFinite).max().orElse(0);
        double top = max <= 0 ? 1 : niceCeiling(max);
        var svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" role=\"img\" class=\"line-chart-svg\">");
        int plotWidth = WIDTH - 2 * MARGIN;
        int plotHeight = HEIGHT - 2 * MARGIN;
        svg.append("<line x1=\"").append(MARGIN).append("\" y1=\"").append(HEIGHT - MARGIN).append("\" x2=\"")
                .append(WIDTH - MARGIN).append("\" y2=\"").append(HEIGHT - MARGIN).append("\" stroke=\"#adb5bd\"/>");
        svg.append(text(4, MARGIN, format(top) + (unit.isEmpty() ? "" : " " + unit), "start"));
        svg.append(text(4, HEIGHT - MARGIN, "0", "start"));
        svg.append(text(MARGIN, HEIGHT - MARGIN + 16, firstX, "start"));
        svg.append(text(WIDTH - MARGIN, HEIGHT - MARGIN + 16, lastX, "end"));
        if (points == 0) {
            svg.append(text(WIDTH / 2, HEIGHT / 2, "No data yet", "middle"));
        }
        for (int s = 0; s < series.size(); s++) {
            String colour = COLOURS[s % COLOURS.length];
            double[] values = series.get(s).values();
            var path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    pen = false;
                    continue;
                }
                double x = MARGIN + (points == 1 ? plotWidth / 2.0 : plotWidth * i / (double) (points - 1));
                double y = HEIGHT - MARGIN - plotHeight * Math.max(0, values[i]) / top;
                path.append(pen ? " L" : " M").append(format(x)).append(' ').append(format(y));
                pen = true;
            }
            if (!path.isEmpty()) {
                svg.append("<path fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" d=\"")
                        .append(path.toString().trim()).append("\"/>");
            }
            svg.append("<rect x=\"").append(MARGIN + 130 * s).append("\" y=\"6\" width=\"10\" height=\"10\" fill=\"")
                    .append(colour).append("\"/>");
            svg.append(text(MARGIN + 130 * s + 14, 15, series.get(s).name(), "start"));
        }
        return svg.append("</svg>").toString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: axis tops people can read. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String text(double x, double y, String content, String anchor) {
        return "<text x=\"" + format(x) + "\" y=\"" + format(y) + "\" font-size=\"11\" fill=\"#495057\" text-anchor=\""
                + anchor + "\">" + escape(content) + "</text>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
