package org.openreco.recommender.admin.dashboard;

import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.card.CardVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.inject.Inject;
import java.text.NumberFormat;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.admin.MainLayout;
import org.openreco.recommender.admin.Polling;
import org.openreco.recommender.admin.training.TrainingView;
import org.openreco.recommender.monitoring.boundary.ActiveModel;
import org.openreco.recommender.monitoring.boundary.Counts;
import org.openreco.recommender.monitoring.boundary.Monitoring;

/**
 * Live counts of catalogues, items, users and interactions, and the re-embedding queue's depth and
 * freshness lag, as cards refreshed every few seconds; below them the model each catalogue serves with
 * its headline metrics.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Dashboard · OpenReco")
public class DashboardView extends VerticalLayout {

    static final int REFRESH_MILLIS = 3000;

    private static final Logger LOG = Logger.getLogger(DashboardView.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final Monitoring monitoring;
    private List<ActiveModel> modelsShown;
    final CountCard catalogues = new CountCard("catalogues", "Catalogues", Counts::catalogues);
    final CountCard items = new CountCard("items", "Items", Counts::items);
    final CountCard users = new CountCard("users", "Users", Counts::users);
    final CountCard interactions = new CountCard("interactions", "Interactions", Counts::interactions);
    final CountCard queued = new CountCard("queued", "Waiting to be embedded", Counts::queued);
    final CountCard parked = new CountCard("parked", "Parked (failed)", Counts::parked);
    final CountCard lag = new CountCard("lag", "Freshness lag (s)", Counts::oldestQueuedSeconds);
    final Grid<ActiveModel> activeModels = new Grid<>(ActiveModel.class, false);
    final Span refreshed = new Span();

    @Inject
    public DashboardView(Monitoring monitoring) {
        this.monitoring = monitoring;
        setId("dashboard-view");
        addClassName("dashboard-view");
        var cards = new Div(catalogues, items, users, interactions, queued, parked, lag);
        cards.addClassName("count-cards");
        refreshed.setId("counts-refreshed");
        refreshed.addClassName("refreshed");
        activeModels.setId("active-models");
        activeModels.setAllRowsVisible(true);
        activeModels.addComponentColumn(m -> new RouterLink(m.catalogue(), TrainingView.class,
                new RouteParameters("catalogue", m.catalogue()))).setHeader("Catalogue").setAutoWidth(true);
        activeModels.addColumn(ActiveModel::version).setHeader("Version").setAutoWidth(true);
        activeModels.addColumn(m -> m.trainedAt() == null ? "–" : WHEN.format(m.trainedAt())).setHeader("Trained").setAutoWidth(true);
        activeModels.addColumn(m -> metric(m.ndcgAt10())).setHeader("NDCG@10").setAutoWidth(true);
        activeModels.addColumn(m -> metric(m.recallAt10())).setHeader("Recall@10").setAutoWidth(true);
        activeModels.setEmptyStateText("No catalogue serves a trained model yet.");
        add(new H2("Dashboard"), cards, new H3("Active models"), activeModels, refreshed);
        refresh();
        Polling.every(this, REFRESH_MILLIS, this::refresh);
    }


    void refresh() {
        try {
            show(monitoring.counts());
            showModels(monitoring.activeModels());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the counts", e);
            refreshed.setText("Counts unavailable: " + e.getMessage());
            refreshed.addClassName("stale");
        }
    }

    void show(Counts counts) {
        for (var card : new CountCard[] {catalogues, items, users, interactions, queued, parked, lag}) {
            card.show(counts);
        }
        refreshed.removeClassName("stale");
        refreshed.setText("Updated " + LocalTime.now().format(TIME) + ", every " + REFRESH_MILLIS / 1000 + " s");
    }

    /** Set only when they changed: a new item list would redraw the grid on every poll. */
    void showModels(List<ActiveModel> models) {
        if (!models.equals(modelsShown)) {
            modelsShown = models;
            activeModels.setItems(models);
        }
    }

    private static String metric(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** One figure: a title and a big number whose element id is {@code count-<key>}. */
    static final class CountCard extends Card {

        final Span value = new Span("–");
        private final ToLongFunction<Counts> figure;

        CountCard(String key, String title, ToLongFunction<Counts> figure) {
            this.figure = figure;
            setId("card-" + key);
            setTitle(title);
            addThemeVariants(CardVariant.OUTLINED);
            addClassName("count-card");
            value.setId("count-" + key);
            value.addClassName("count-value");
            value.getElement().setAttribute("data-count", "");
            add(value);
        }

        void show(Counts counts) {
            long count = figure.applyAsLong(counts);
            value.setText(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(count));
            value.getElement().setAttribute("data-count", Long.toString(count));
        }
    }
}
