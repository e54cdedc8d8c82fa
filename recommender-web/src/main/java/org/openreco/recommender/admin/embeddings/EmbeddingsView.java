package org.openreco.recommender.admin.embeddings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.admin.MainLayout;
import org.openreco.recommender.admin.Polling;
import org.openreco.recommender.admin.RefreshedLabel;
import org.openreco.recommender.admin.catalog.CatalogueView;
import org.openreco.recommender.admin.charts.LineChart;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.embedding.boundary.BatchStats;
import org.openreco.recommender.embedding.boundary.EmbeddingStatus;
import org.openreco.recommender.embedding.boundary.Embeddings;
import org.openreco.recommender.embedding.boundary.GenerationInfo;
import org.openreco.recommender.embedding.boundary.ParkedMark;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;

/**
 * A catalogue's embeddings, live: the model and the generation that serves, a full re-embedding into a
 * new generation with its progress (and a way to cancel it), the queue's depth and freshness lag, the
 * recent batches as a chart, and the marks parked after failing too often.
 */
@Route(value = "catalogues/:catalogue/embeddings", layout = MainLayout.class)
@PageTitle("Embeddings · OpenReco")
public class EmbeddingsView extends VerticalLayout implements BeforeEnterObserver {

    static final int REFRESH_MILLIS = 2000;
    static final int PARKED_PAGE = 100;
    private static final Logger LOG = Logger.getLogger(EmbeddingsView.class.getName());
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final Embeddings embeddings;
    private final Catalogues catalogues;
    private String catalogue = "";
    private boolean paused;

    final H2 heading = new H2();
    final Paragraph model = new Paragraph();
    final Paragraph active = new Paragraph();
    final Span queueDepth = figure("queue-depth");
    final Span parkedCount = figure("parked-count");
    final Span lag = figure("queue-lag");
    final Span lagPercentiles = figure("lag-percentiles");
    final Span docsPerSecond = figure("docs-per-second");
    final Paragraph pauseState = new Paragraph();
    final Button pause = new Button("Pause re-embedding", VaadinIcon.PAUSE.create(), click -> togglePause());
    final Paragraph build = new Paragraph();
    final ProgressBar buildProgress = new ProgressBar();
    final Button reembed = new Button("Re-embed everything", VaadinIcon.REFRESH.create(), click -> confirmReembed());
    final Button cancel = new Button("Cancel the build", VaadinIcon.CLOSE.create(), click -> cancelBuild());
    final LineChart lagChart = new LineChart("lag-chart", "ms");
    final LineChart throughputChart = new LineChart("throughput-chart", "docs");
    final Grid<ParkedMark> parked = new Grid<>(ParkedMark.class, false);
    final Button retry = new Button("Retry all parked", VaadinIcon.ROTATE_LEFT.create(), click -> retryParked());
    final RefreshedLabel refreshed = new RefreshedLabel("embeddings-refreshed", REFRESH_MILLIS);
    private final HorizontalLayout links = new HorizontalLayout();

    @Inject
    public EmbeddingsView(Embeddings embeddings, Catalogues catalogues) {
        this.embeddings = embeddings;
        this.catalogues = catalogues;
        setId("embeddings-view");
        addClassName("embeddings-view");
        model.setId("embeddings-model");
        active.setId("active-generation");
        pauseState.setId("pause-state");
        pause.setId("pause-reembedding");
        build.setId("build-status");
        buildProgress.setId("build-progress");
        buildProgress.setWidth("28em");
        reembed.setId("reembed-all");
        cancel.setId("cancel-build");
        cancel.addThemeVariants(ButtonVariant.ERROR);
        retry.setId("retry-parked");

        var figures = new Div(card("Waiting to be embedded", queueDepth), card("Parked", parkedCount),
                card("Oldest mark (s)", lag), card("Lag p50 / p95, 5 min (ms)", lagPercentiles),
                card("Docs/s, 5 min", docsPerSecond));
        figures.addClassName("count-cards");

        parked.setId("parked-marks");
        parked.setAllRowsVisible(true);
        parked.addColumn(ParkedMark::kind).setHeader("Kind").setAutoWidth(true);
        parked.addColumn(p -> p.externalId() == null ? "#" + p.entityId() : p.externalId()).setHeader("Id").setAutoWidth(true);
        parked.addColumn(ParkedMark::attempts).setHeader("Attempts").setAutoWidth(true);
        parked.addColumn(p -> WHEN.format(p.enqueuedAt())).setHeader("Marked").setAutoWidth(true);
        parked.addColumn(ParkedMark::lastError).setHeader("Last error").setFlexGrow(4);
        parked.setEmptyStateText("Nothing parked.");

        var buildBar = new HorizontalLayout(reembed, cancel);
        buildBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        var pauseBar = new HorizontalLayout(pauseState, pause);
        pauseBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(links, heading, model, active, pauseBar, figures, new H3("Full re-embedding"), build, buildProgress, buildBar,
                new H3("Recent batches"), lagChart, throughputChart, new H3("Parked marks"), retry, parked, refreshed);
        Polling.every(this, REFRESH_MILLIS, this::refresh);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        catalogue = event.getRouteParameters().get("catalogue").orElse("");
        if (catalogues.find(catalogue).isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "no catalogue '" + catalogue + "'");
            return;
        }
        links.removeAll();
        links.add(new RouterLink("Catalogue " + catalogue, CatalogueView.class, new RouteParameters("catalogue", catalogue)));
        heading.setText("Embeddings of " + catalogue);
        refresh();
    }


    void refresh() {
        if (catalogue.isEmpty()) {
            return;
        }
        try {
            show(embeddings.status(catalogue));
            parked.setItems(embeddings.parked(catalogue, 0, PARKED_PAGE));
            refreshed.updated();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the embeddings of " + catalogue, e);
            refreshed.unavailable("Status", e);
        }
    }

    void show(EmbeddingStatus status) {
        model.setText("Model: " + status.model() + (status.encoderAvailable() ? "" : " (the encoder is not available)"));
        active.setText(status.active() == null
                ? "No generation serves yet: the first batch creates one."
                : "Serving: generation " + status.active().id() + " (" + status.active().model() + ")"
                        + (status.active().activatedAt() == null ? "" : ", active since " + WHEN.format(status.active().activatedAt())));
        queueDepth.setText(Long.toString(status.queueDepth()));
        parkedCount.setText(Long.toString(status.parked()));
        lag.setText(Long.toString(status.oldestQueuedSeconds()));
        var summary = status.lastMinutes();
        lagPercentiles.setText(summary.batches() == 0 ? "–" : summary.lagP50Ms() + " / " + summary.lagP95Ms());
        docsPerSecond.setText(summary.batches() == 0 ? "–" : String.format(Locale.ROOT, "%.0f", summary.docsPerSecond()));
        paused = status.pausedSince() != null;
        pauseState.setText(paused ? "Re-embedding paused since " + WHEN.format(status.pausedSince())
                + ": changes are queued, nothing is embedded until resumed." : "Re-embedding runs.");
        pause.setText(paused ? "Resume re-embedding" : "Pause re-embedding");
        pause.setIcon(paused ? VaadinIcon.PLAY.create() : VaadinIcon.PAUSE.create());
        showBuild(status.building());
        showBatches(status.recentBatches());
        retry.setEnabled(status.parked() > 0);
    }

    private void showBuild(GenerationInfo building) {
        boolean running = building != null;
        cancel.setVisible(running);
        buildProgress.setVisible(running);
        if (!running) {
            build.setText("No re-embedding running.");
            return;
        }
        boolean items = "items".equals(building.phase());
        Integer total = items ? building.itemsTotal() : building.usersTotal();
        int done = items ? building.itemsDone() : building.usersDone();
        build.setText("Building generation " + building.id() + " (" + building.model() + "): " + building.phase() + " "
                + done + (total == null ? "" : " of " + total) + "; the current generation keeps serving until it is complete.");
        if (total == null || total == 0) {
            buildProgress.setIndeterminate(true);
        } else {
            buildProgress.setIndeterminate(false);
            // items first, then users: each phase fills half of the bar
            buildProgress.setValue(Math.min(1, (items ? 0 : 0.5) + 0.5 * done / total));
        }
    }

    /** Oldest batch on the left; the boundary lists them newest first. */
    private void showBatches(List<BatchStats> newestFirst) {
        var batches = newestFirst.reversed();
        double[] p50 = batches.stream().mapToDouble(BatchStats::lagP50Ms).toArray();
        double[] p95 = batches.stream().mapToDouble(BatchStats::lagP95Ms).toArray();
        double[] duration = batches.stream().mapToDouble(BatchStats::durationMs).toArray();
        double[] encoded = batches.stream().mapToDouble(BatchStats::encoded).toArray();
        String first = batches.isEmpty() ? "" : CLOCK.format(batches.getFirst().finishedAt());
        String last = batches.isEmpty() ? "" : CLOCK.format(batches.getLast().finishedAt());
        lagChart.show(List.of(new LineChart.Series("lag p50 (ms)", p50), new LineChart.Series("lag p95 (ms)", p95),
                new LineChart.Series("batch duration (ms)", duration)), first, last);
        throughputChart.show(List.of(new LineChart.Series("texts encoded per batch", encoded)), first, last);
    }

    private void confirmReembed() {
        var dialog = new Dialog();
        dialog.setId("reembed-dialog");
        dialog.setHeaderTitle("Re-embed everything?");
        dialog.add(new Paragraph("Every item and user of " + catalogue + " is embedded again into a new generation. "
                + "The current one keeps serving until the new one is complete, then they switch at once."));
        var start = new Button("Start", click -> {
            dialog.close();
            try {
                var generation = embeddings.reembedAll(catalogue);
                Notification.show("Generation " + generation.id() + " is being built");
            } catch (InvalidInputException | NotFoundException e) {
                Notification.show(e.getMessage());
            }
            refresh();
        });
        start.setId("reembed-confirm");
        start.addThemeVariants(ButtonVariant.PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), start);
        dialog.open();
    }

    private void cancelBuild() {
        try {
            var generation = embeddings.cancelBuild(catalogue);
            Notification.show("Generation " + generation.id() + " cancelled");
        } catch (NotFoundException e) {
            Notification.show(e.getMessage());
        }
        refresh();
    }

    private void togglePause() {
        if (paused) {
            embeddings.resume(catalogue);
            Notification.show("Re-embedding resumed: the queue drains");
        } else {
            embeddings.pause(catalogue);
            Notification.show("Re-embedding paused: changes are queued");
        }
        refresh();
    }

    private void retryParked() {
        int count = embeddings.retryParked(catalogue);
        Notification.show(count + " parked marks queued again");
        refresh();
    }

    private static Span figure(String id) {
        var value = new Span("–");
        value.setId(id);
        value.addClassName("count-value");
        return value;
    }

    private static com.vaadin.flow.component.card.Card card(String title, Span value) {
        var card = new com.vaadin.flow.component.card.Card();
        card.setTitle(title);
        card.addThemeVariants(com.vaadin.flow.component.card.CardVariant.OUTLINED);
        card.addClassName("count-card");
        card.add(value);
        return card;
    }
}
