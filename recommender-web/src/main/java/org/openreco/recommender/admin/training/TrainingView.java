package org.openreco.recommender.admin.training;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
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
import java.time.Instant;
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
import org.openreco.recommender.admin.quality.QualityView;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.platform.boundary.ConflictException;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;
import org.openreco.recommender.training.boundary.ModelVersion;
import org.openreco.recommender.training.boundary.Training;
import org.openreco.recommender.training.boundary.TrainingProgress;
import org.openreco.recommender.training.boundary.TrainingRequest;

/**
 * A catalogue's collaborative model: train one with chosen parameters, follow the newest training live
 * (phase, epochs, loss per epoch), see how the newest trained version's parameters were tuned, and see every version with its data and headline NDCG@10; a trained
 * version can be activated and a retired one brought back (roll back).
 */
@Route(value = "catalogues/:catalogue/training", layout = MainLayout.class)
@PageTitle("Training · OpenReco")
public class TrainingView extends VerticalLayout implements BeforeEnterObserver {

    static final int REFRESH_MILLIS = 1000;
    static final int HISTORY = 50;
    static final String TRIGGERED_BY = "console";
    private static final Logger LOG = Logger.getLogger(TrainingView.class.getName());
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final Training training;
    private final Catalogues catalogues;
    private String catalogue = "";
    private List<Double> lossShown;
    private List<ModelVersion> versionsShown;

    final H2 heading = new H2();
    final Paragraph active = new Paragraph();
    final TrainingForm form = new TrainingForm();
    final Paragraph status = new Paragraph();
    final ProgressBar progress = new ProgressBar();
    final LineChart lossChart = new LineChart("loss-chart", "");
    final Grid<ModelVersion> versions = new Grid<>(ModelVersion.class, false);
    final TuningPanel tuning = new TuningPanel();
    final RefreshedLabel refreshed = new RefreshedLabel("training-refreshed", REFRESH_MILLIS);
    private final HorizontalLayout links = new HorizontalLayout();

    @Inject
    public TrainingView(Training training, Catalogues catalogues) {
        this.training = training;
        this.catalogues = catalogues;
        setId("training-view");
        addClassName("training-view");
        active.setId("active-model");
        status.setId("training-status");
        progress.setId("training-progress");
        progress.setWidth("28em");
        form.addTrainListener(train -> start(train.getRequest()));

        versions.setId("model-versions");
        versions.setAllRowsVisible(true);
        versions.addColumn(ModelVersion::id).setHeader("Version").setAutoWidth(true);
        versions.addColumn(ModelVersion::status).setHeader("Status").setAutoWidth(true);
        versions.addComponentColumn(this::activation).setHeader("").setAutoWidth(true);
        versions.addColumn(ModelVersion::triggeredBy).setHeader("Triggered by").setAutoWidth(true);
        versions.addColumn(v -> v.createdAt() == null ? "" : WHEN.format(v.createdAt())).setHeader("Created").setAutoWidth(true);
        versions.addColumn(v -> Headline.duration(v, Instant.now())).setHeader("Duration").setAutoWidth(true);
        versions.addColumn(v -> count(v.users())).setHeader("Users").setAutoWidth(true);
        versions.addColumn(v -> count(v.items())).setHeader("Items").setAutoWidth(true);
        versions.addColumn(v -> v.interactions() == null ? "–" : v.interactions().toString()).setHeader("Interactions").setAutoWidth(true);
        versions.addColumn(v -> count(v.factors())).setHeader("Factors").setAutoWidth(true);
        versions.addColumn(v -> Headline.metric(v, "ndcg@10")).setHeader("NDCG@10").setAutoWidth(true);
        versions.addColumn(v -> v.error() == null ? "" : v.error()).setHeader("Error").setFlexGrow(3);
        versions.setEmptyStateText("No model trained yet.");

        add(links, heading, active, new H3("Train a model"), form, new H3("Newest training"), status, progress,
                lossChart, new H3("Parameter tuning"), tuning, new H3("Model versions"), versions, refreshed);
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
        var quality = new RouterLink("Quality", QualityView.class, parameters);
        quality.setId("link-quality");
        links.add(quality);
        heading.setText("Training of " + catalogue);
        lossShown = null;
        versionsShown = null;
        refresh();
    }

    void refresh() {
        if (catalogue.isEmpty()) {
            return;
        }
        try {
            show(training.history(catalogue, HISTORY));
            refreshed.updated();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the training of " + catalogue, e);
            refreshed.unavailable("Training", e);
        }
    }

    void show(List<ModelVersion> newestFirst) {
        // set only when they changed: new items re-render the rows and their buttons under the user's pointer
        if (!newestFirst.equals(versionsShown)) {
            versionsShown = newestFirst;
            versions.setItems(newestFirst);
        }
        var serving = newestFirst.stream().filter(v -> "active".equals(v.status())).findFirst();
        active.setText(serving.map(v -> "Active: version " + v.id() + ", trained "
                        + (v.finishedAt() == null ? "–" : WHEN.format(v.finishedAt())) + ", NDCG@10 " + Headline.metric(v, "ndcg@10")
                        + ", Recall@10 " + Headline.metric(v, "recall@10"))
                .orElse("No active model: recommendations come from content and trending alone."));
        boolean running = newestFirst.stream().anyMatch(v -> "training".equals(v.status()));
        form.train.setEnabled(!running);
        showNewest(newestFirst.isEmpty() ? null : newestFirst.getFirst());
        tuning.show(newestFirst.stream().filter(v -> v.parameters() != null && v.parameters().containsKey("tuning"))
                .findFirst().orElse(null));
    }

    private void showNewest(ModelVersion newest) {
        if (newest == null) {
            status.setText("No training yet.");
            progress.setVisible(false);
            showLoss(List.of());
            return;
        }
        var p = newest.progress() == null ? TrainingProgress.NONE : newest.progress();
        status.setText("Version " + newest.id() + ": " + newest.status()
                + (p.phase() == null ? "" : ", phase " + p.phase())
                + (p.epochs() == 0 ? "" : ", epoch " + p.epoch() + " of " + p.epochs())
                + ("failed".equals(newest.status()) && newest.error() != null ? " — " + newest.error() : ""));
        progress.setVisible(true);
        if ("training".equals(newest.status()) && p.epochs() == 0) {
            progress.setIndeterminate(true);
        } else {
            progress.setIndeterminate(false);
            progress.setValue(p.epochs() == 0 ? ("training".equals(newest.status()) ? 0 : 1)
                    : Math.min(1, p.epoch() / (double) p.epochs()));
        }
        showLoss(p.loss() == null ? List.of() : p.loss());
    }

    /** Redrawn only when it changed: the poll comes every second. */
    private void showLoss(List<Double> loss) {
        if (loss.equals(lossShown)) {
            return;
        }
        lossShown = loss;
        lossChart.show(List.of(new LineChart.Series("loss per epoch", loss.stream().mapToDouble(Double::doubleValue).toArray())),
                loss.isEmpty() ? "" : "epoch 1", loss.isEmpty() ? "" : "epoch " + loss.size());
    }

    private void start(TrainingRequest request) {
        try {
            var version = training.start(catalogue, request, TRIGGERED_BY);
            Notification.show("Training version " + version.id());
        } catch (InvalidInputException e) {
            form.showError(e.field(), e.getMessage());
        } catch (ConflictException | NotFoundException e) {
            Notification.show(e.getMessage());
        }
        refresh();
    }

    /** Activate for a trained version, Roll back for a retired one; nothing for the others. */
    private Button activation(ModelVersion version) {
        boolean trained = "trained".equals(version.status());
        var button = new Button(trained ? "Activate" : "Roll back", click -> confirmActivation(version));
        button.setId("activate-" + version.id());
        button.addClassName("activate-version");
        button.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
        button.setVisible(trained || "retired".equals(version.status()));
        return button;
    }

    private void confirmActivation(ModelVersion version) {
        var dialog = new Dialog();
        dialog.setId("activate-dialog");
        boolean rollBack = "retired".equals(version.status());
        dialog.setHeaderTitle((rollBack ? "Roll back to" : "Activate") + " version " + version.id() + "?");
        dialog.add(new Paragraph("Recommendations of " + catalogue + " switch to version " + version.id()
                + " (NDCG@10 " + Headline.metric(version, "ndcg@10") + ") at once; the active version is retired and can be "
                + "brought back the same way."));
        var confirm = new Button(rollBack ? "Roll back" : "Activate", click -> {
            dialog.close();
            try {
                var activated = training.activate(catalogue, version.id());
                Notification.show("Version " + activated.id() + " is active");
            } catch (ConflictException | NotFoundException e) {
                Notification.show(e.getMessage());
            }
            refresh();
        });
        confirm.setId("activate-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), confirm);
        dialog.open();
    }

    private static String count(Integer value) {
        return value == null ? "–" : value.toString();
    }
}
