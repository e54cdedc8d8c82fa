package org.openreco.recommender.admin.quality;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.admin.MainLayout;
import org.openreco.recommender.admin.Polling;
import org.openreco.recommender.admin.RefreshedLabel;
import org.openreco.recommender.admin.catalog.CatalogueView;
import org.openreco.recommender.admin.charts.BarChart;
import org.openreco.recommender.admin.charts.LineChart;
import org.openreco.recommender.admin.training.TrainingView;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.evaluation.boundary.AlgorithmResult;
import org.openreco.recommender.evaluation.boundary.EvaluationRun;
import org.openreco.recommender.evaluation.boundary.EvaluationRuns;
import org.openreco.recommender.evaluation.boundary.MetricsAtK;
import org.openreco.recommender.platform.boundary.ConflictException;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.recommendations.boundary.ClickThrough;
import org.openreco.recommender.training.boundary.TrainingRequest;

/**
 * A catalogue's recommendation quality. Offline: the evaluation runs, newest first; for the selected run
 * every algorithm's metrics at each K, NDCG@K and Recall@K as grouped bars, and the cold-start recall;
 * NDCG@10 of each algorithm across runs; two runs side by side. Online: click-through per source and day.
 */
@Route(value = "catalogues/:catalogue/quality", layout = MainLayout.class)
@PageTitle("Quality · OpenReco")
public class QualityView extends VerticalLayout implements BeforeEnterObserver {

    static final int REFRESH_MILLIS = 5000;
    static final int RUNS = 100;
    static final int TREND_K = 10;
    static final List<Integer> CTR_WINDOWS = List.of(7, 30, 90, 365);
    private static final Logger LOG = Logger.getLogger(QualityView.class.getName());
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    /** One row of the metric table: an algorithm at one K. */
    record MetricRow(String algorithm, MetricsAtK at, double fullMrr, int users) {
    }

    private final EvaluationRuns evaluations;
    private final ClickThrough clickThrough;
    private final Catalogues catalogues;
    private String catalogue = "";
    private List<EvaluationRun> runsShown = List.of();
    private EvaluationRun detailShown;

    final H2 heading = new H2();
    final Button evaluate = new Button("Evaluate now", VaadinIcon.CHART.create(), click -> evaluate());
    final Select<String> split = new Select<>();
    final Grid<EvaluationRun> runs = new Grid<>(EvaluationRun.class, false);
    final Paragraph runSummary = new Paragraph();
    final Grid<MetricRow> metrics = new Grid<>(MetricRow.class, false);
    final BarChart ndcgChart = new BarChart("ndcg-chart");
    final BarChart recallChart = new BarChart("recall-chart");
    final Paragraph coldStart = new Paragraph();
    final LineChart trend = new LineChart("ndcg-trend", "");
    final Select<EvaluationRun> first = new Select<>();
    final Select<EvaluationRun> second = new Select<>();
    final Grid<RunComparison.Row> comparison = new Grid<>(RunComparison.Row.class, false);
    final Select<Integer> ctrDays = new Select<>();
    final LineChart ctrChart = new LineChart("ctr-chart", "%");
    final Grid<ClickThroughSeries.Total> ctrTotals = new Grid<>(ClickThroughSeries.Total.class, false);
    final RefreshedLabel refreshed = new RefreshedLabel("quality-refreshed", REFRESH_MILLIS);
    private final HorizontalLayout links = new HorizontalLayout();

    @Inject
    public QualityView(EvaluationRuns evaluations, ClickThrough clickThrough, Catalogues catalogues) {
        this.evaluations = evaluations;
        this.clickThrough = clickThrough;
        this.catalogues = catalogues;
        setId("quality-view");
        addClassName("quality-view");
        evaluate.setId("evaluate");
        split.setId("evaluate-split");
        split.setAriaLabel("Split");
        split.setItems(TrainingRequest.RANDOM, TrainingRequest.LEAVE_LAST, TrainingRequest.TIME_CUT);
        split.setValue(TrainingRequest.RANDOM);
        runSummary.setId("run-summary");
        coldStart.setId("cold-start");

        runs.setId("evaluation-runs");
        runs.setAllRowsVisible(true);
        runs.addColumn(EvaluationRun::id).setHeader("Run").setAutoWidth(true);
        runs.addColumn(r -> r.startedAt() == null ? "" : WHEN.format(r.startedAt())).setHeader("Started").setAutoWidth(true);
        runs.addColumn(EvaluationRun::status).setHeader("Status").setAutoWidth(true);
        runs.addColumn(QualityView::protocol).setHeader("Protocol").setAutoWidth(true);
        runs.addColumn(r -> r.k() == null ? "" : r.k().toString()).setHeader("K").setAutoWidth(true);
        runs.addColumn(r -> r.durationMs() == null ? "–" : String.format(Locale.ROOT, "%.1f s", r.durationMs() / 1000.0))
                .setHeader("Duration").setAutoWidth(true);
        runs.addColumn(r -> r.modelVersionId() == null ? "stand-alone" : "version " + r.modelVersionId())
                .setHeader("Model").setAutoWidth(true);
        runs.addColumn(r -> best(r)).setHeader("Best NDCG@" + TREND_K).setAutoWidth(true);
        runs.addColumn(r -> r.error() == null ? "" : r.error()).setHeader("Error").setFlexGrow(2);
        runs.setEmptyStateText("No evaluation yet: train a model or press Evaluate now.");
        runs.addSelectionListener(selection -> showRun(selection.getFirstSelectedItem().orElse(null)));

        metrics.setId("run-metrics");
        metrics.setAllRowsVisible(true);
        metrics.addColumn(MetricRow::algorithm).setHeader("Algorithm").setAutoWidth(true);
        metrics.addColumn(row -> row.at().k()).setHeader("K").setAutoWidth(true);
        metrics.addColumn(row -> number(row.at().precision())).setHeader("Precision");
        metrics.addColumn(row -> number(row.at().recall())).setHeader("Recall");
        metrics.addColumn(row -> number(row.at().ndcg())).setHeader("NDCG");
        metrics.addColumn(row -> interval(row.at(), "ndcg")).setHeader("NDCG 95 %").setAutoWidth(true);
        metrics.addColumn(row -> number(row.at().f1())).setHeader("F1");
        metrics.addColumn(row -> number(row.at().map())).setHeader("MAP");
        metrics.addColumn(row -> number(row.at().mrr())).setHeader("MRR");
        metrics.addColumn(row -> number(row.at().hitRate())).setHeader("Hit rate");
        metrics.addColumn(row -> number(row.at().coverage())).setHeader("Coverage");
        metrics.addColumn(row -> number(row.at().novelty())).setHeader("Novelty");
        metrics.addColumn(row -> number(row.at().diversity())).setHeader("Diversity");
        metrics.addColumn(MetricRow::users).setHeader("Users");

        for (var select : List.of(first, second)) {
            select.setItemLabelGenerator(r -> "Run " + r.id() + (r.startedAt() == null ? "" : " · " + WHEN.format(r.startedAt()))
                    + (r.modelVersionId() == null ? "" : " · version " + r.modelVersionId()));
            select.addValueChangeListener(change -> compare());
        }
        first.setId("compare-first");
        first.setLabel("First run");
        second.setId("compare-second");
        second.setLabel("Second run");
        comparison.setId("run-comparison");
        comparison.setHeight("28em");
        comparison.addColumn(RunComparison.Row::algorithm).setHeader("Algorithm").setAutoWidth(true);
        comparison.addColumn(RunComparison.Row::metric).setHeader("Metric").setAutoWidth(true);
        comparison.addColumn(row -> number(row.first())).setHeader("First");
        comparison.addColumn(row -> interval(row.firstInterval())).setHeader("First 95 %").setAutoWidth(true);
        comparison.addColumn(row -> number(row.second())).setHeader("Second");
        comparison.addColumn(row -> interval(row.secondInterval())).setHeader("Second 95 %").setAutoWidth(true);
        comparison.addColumn(row -> signed(row.difference())).setHeader("Second − first");
        comparison.setEmptyStateText("Choose two runs.");

        ctrDays.setId("ctr-days");
        ctrDays.setLabel("Days");
        ctrDays.setItems(CTR_WINDOWS);
        ctrDays.setValue(30);
        ctrDays.addValueChangeListener(change -> showClickThrough());
        ctrTotals.setId("ctr-sources");
        ctrTotals.setAllRowsVisible(true);
        ctrTotals.addColumn(ClickThroughSeries.Total::source).setHeader("Source");
        ctrTotals.addColumn(ClickThroughSeries.Total::impressions).setHeader("Impressions");
        ctrTotals.addColumn(ClickThroughSeries.Total::clicks).setHeader("Clicks");
        ctrTotals.addColumn(t -> String.format(Locale.ROOT, "%.2f %%", 100 * t.ctr())).setHeader("CTR");
        ctrTotals.setEmptyStateText("No impressions in this window.");

        var compareBar = new HorizontalLayout(first, second);
        compareBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        var evaluation = new HorizontalLayout(split, evaluate);
        evaluation.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(links, heading, new H3("Evaluation runs"), evaluation, runs, runSummary, metrics, ndcgChart, recallChart, coldStart,
                new H3("NDCG@" + TREND_K + " across runs"), trend, new H3("Compare two runs"), compareBar, comparison,
                new H3("Click-through per source (online)"), ctrDays, ctrChart, ctrTotals, refreshed);
        Polling.every(this, REFRESH_MILLIS, this::refresh);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        catalogue = event.getRouteParameters().get("catalogue").orElse("");
        if (catalogues.find(catalogue).isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "no catalogue '" + catalogue + "'");
            return;
        }
        var parameters = new RouteParameters("catalogue", catalogue);
        links.removeAll();
        links.add(new RouterLink("Catalogue " + catalogue, CatalogueView.class, parameters));
        var training = new RouterLink("Training", TrainingView.class, parameters);
        training.setId("link-training");
        links.add(training);
        heading.setText("Quality of " + catalogue);
        runsShown = List.of();
        detailShown = null;
        refresh();
        showClickThrough();
    }

    void refresh() {
        if (catalogue.isEmpty()) {
            return;
        }
        try {
            showRuns(evaluations.list(catalogue, RUNS));
            refreshed.updated();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the evaluation runs of " + catalogue, e);
            refreshed.unavailable("Evaluation runs", e);
        }
    }

    /** Redraws only what changed, keeping the selected run and the compared pair across polls. */
    void showRuns(List<EvaluationRun> newestFirst) {
        if (newestFirst.equals(runsShown)) {
            return;
        }
        runsShown = newestFirst;
        Long selected = runs.getSelectedItems().stream().findFirst().map(EvaluationRun::id).orElse(null);
        Long a = first.getValue() == null ? null : first.getValue().id();
        Long b = second.getValue() == null ? null : second.getValue().id();
        runs.setItems(newestFirst);
        var keep = find(newestFirst, selected).or(() -> newestFirst.stream().findFirst());
        keep.ifPresentOrElse(runs::select, () -> showRun(null));
        var finished = newestFirst.stream().filter(r -> "finished".equals(r.status())).toList();
        first.setItems(finished);
        second.setItems(finished);
        first.setValue(find(finished, a).orElse(finished.size() > 1 ? finished.get(1) : null));
        second.setValue(find(finished, b).orElse(finished.isEmpty() ? null : finished.getFirst()));
        showTrend(finished.reversed());
    }

    private void showRun(EvaluationRun run) {
        if (Objects.equals(run, detailShown) && run != null) {
            return;
        }
        detailShown = run;
        if (run == null) {
            runSummary.setText("");
            metrics.setItems(List.of());
            ndcgChart.show(List.of(), List.of());
            recallChart.show(List.of(), List.of());
            coldStart.setText("");
            return;
        }
        runSummary.setText("Run " + run.id() + " (" + run.status() + "): " + protocol(run) + describe(run.data()));
        var rows = new ArrayList<MetricRow>();
        for (AlgorithmResult result : run.results()) {
            result.atK().forEach(at -> rows.add(new MetricRow(result.algorithm(), at, result.mrr(), result.users())));
        }
        metrics.setItems(rows);
        var algorithms = run.results().stream().map(AlgorithmResult::algorithm).toList();
        var ks = new TreeSet<Integer>();
        run.results().forEach(r -> r.atK().forEach(m -> ks.add(m.k())));
        var ndcg = new ArrayList<BarChart.Series>();
        var recall = new ArrayList<BarChart.Series>();
        for (int k : ks) {
            ndcg.add(new BarChart.Series("NDCG@" + k, values(run, k, MetricsAtK::ndcg)));
            recall.add(new BarChart.Series("Recall@" + k, values(run, k, MetricsAtK::recall)));
        }
        ndcgChart.show(algorithms, ndcg);
        recallChart.show(algorithms, recall);
        coldStart.setText(coldStart(run.coldStart()));
    }

    private static double[] values(EvaluationRun run, int k, ToDoubleFunction<MetricsAtK> metric) {
        return run.results().stream().mapToDouble(r -> RunComparison.at(r, k).map(metric::applyAsDouble).orElse(Double.NaN)).toArray();
    }

    /** NDCG@10 of each algorithm over the finished runs, oldest first. */
    private void showTrend(List<EvaluationRun> oldestFirst) {
        var algorithms = new LinkedHashSet<String>();
        oldestFirst.forEach(r -> r.results().forEach(a -> algorithms.add(a.algorithm())));
        var series = algorithms.stream().map(algorithm -> new LineChart.Series(algorithm, oldestFirst.stream()
                .mapToDouble(run -> RunComparison.result(run, algorithm).flatMap(r -> RunComparison.at(r, TREND_K))
                        .map(MetricsAtK::ndcg).orElse(Double.NaN))
                .toArray())).toList();
        trend.show(series, oldestFirst.isEmpty() ? "" : "run " + oldestFirst.getFirst().id(),
                oldestFirst.isEmpty() ? "" : "run " + oldestFirst.getLast().id());
    }

    private void compare() {
        if (first.getValue() == null || second.getValue() == null) {
            comparison.setItems(List.of());
            return;
        }
        comparison.setItems(RunComparison.rows(first.getValue(), second.getValue()));
    }

    void showClickThrough() {
        if (catalogue.isEmpty() || ctrDays.getValue() == null) {
            return;
        }
        var report = clickThrough.daily(catalogue, ctrDays.getValue());
        var percent = ClickThroughSeries.daily(report).stream()
                .map(s -> new LineChart.Series(s.name(), Arrays.stream(s.values()).map(v -> 100 * v).toArray()))
                .toList();
        ctrChart.show(percent, report.from().toString(), report.to().toString());
        ctrTotals.setItems(ClickThroughSeries.totals(report));
    }

    private void evaluate() {
        try {
            var run = evaluations.start(catalogue, TrainingRequest.defaults().withSplit(split.getValue()));
            Notification.show("Evaluation run " + run.id() + " started");
        } catch (InvalidInputException | ConflictException e) {
            Notification.show(e.getMessage());
        } catch (UnsupportedOperationException e) {
            Notification.show("Stand-alone evaluations are not available yet");
        }
        refresh();
    }

    private static Optional<EvaluationRun> find(List<EvaluationRun> runs, Long id) {
        return id == null ? Optional.empty() : runs.stream().filter(r -> r.id() == id).findFirst();
    }

    static String protocol(EvaluationRun run) {
        var split = run.split();
        String ratio = split != null && split.get("ratio") instanceof JsonNumber n ? ", test " + n.doubleValue() : "";
        String last = split != null && split.get("n") instanceof JsonNumber n ? " " + n.intValue() : "";
        String seed = split != null && split.get("seed") instanceof JsonNumber n ? ", seed " + n.longValue() : "";
        return (run.protocol() == null ? "" : run.protocol()) + last + ratio + seed;
    }

    private static String describe(JsonObject data) {
        if (data == null || data.isEmpty()) {
            return "";
        }
        var parts = new ArrayList<String>();
        for (String key : List.of("users", "items", "interactions", "positives", "train", "test")) {
            if (data.get(key) instanceof JsonNumber n) {
                parts.add(n.longValue() + " " + key);
            }
        }
        return parts.isEmpty() ? "" : "; " + String.join(" · ", parts);
    }

    /** e.g. "Cold start (123 items …): recall@10 content 0.0500, collaborative 0.0000". */
    static String coldStart(JsonObject coldStart) {
        if (coldStart == null || !(coldStart.get("recall") instanceof JsonObject recall)) {
            return "Cold start: not evaluated in this run.";
        }
        var parts = new ArrayList<String>();
        recall.forEach((source, value) -> {
            if (value instanceof JsonNumber n) {
                parts.add(source + " " + number(n.doubleValue()));
            }
        });
        String k = coldStart.get("k") instanceof JsonNumber n ? "@" + n.intValue() : "";
        String items = coldStart.get("items") instanceof JsonNumber n ? n.longValue() + " items seen only in the test split" : "";
        String users = coldStart.get("users") instanceof JsonNumber n ? ", " + n.longValue() + " users" : "";
        return "Cold start (" + items + users + "): recall" + k + " " + String.join(", ", parts);
    }

    /** The algorithm with the highest NDCG@10 in the run, e.g. "hybrid 0.3312". */
    private static String best(EvaluationRun run) {
        String best = null;
        double top = Double.NEGATIVE_INFINITY;
        for (var result : run.results()) {
            double ndcg = RunComparison.at(result, TREND_K).map(MetricsAtK::ndcg).orElse(Double.NaN);
            if (ndcg > top) {
                best = result.algorithm();
                top = ndcg;
            }
        }
        return best == null ? "–" : best + " " + number(top);
    }

    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "–";
    }

    /** A metric's 95 % bootstrap interval over users, "0.3012–0.3388"; "–" where the run has none. */
    static String interval(MetricsAtK at, String metric) {
        return interval(at.intervals().get(metric));
    }

    static String interval(double[] bounds) {
        return bounds == null ? "–" : number(bounds[0]) + "–" + number(bounds[1]);
    }

    static String signed(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%+.4f", value) : "–";
    }
}
