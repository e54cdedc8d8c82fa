package org.openreco.recommender.admin.recommendations;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import java.util.List;
import java.util.Locale;
import org.openreco.recommender.recommendations.boundary.Recommendation;

/** A list of recommendations as the storefront gets them: rank, item, score, source and the reason. */
public class RecommendationGrid extends Grid<Recommendation> {

    public RecommendationGrid(String id) {
        super(Recommendation.class, false);
        setId(id);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.ROW_STRIPES);
        setAllRowsVisible(true);
        addColumn(r -> rank(r) + 1).setHeader("#").setWidth("3.5em").setFlexGrow(0);
        addColumn(Recommendation::itemId).setHeader("Item").setAutoWidth(true);
        addColumn(Recommendation::title).setHeader("Title").setFlexGrow(3);
        addColumn(r -> String.join(", ", r.categories())).setHeader("Categories").setFlexGrow(2);
        addColumn(r -> String.format(Locale.ROOT, "%.3f", r.score())).setHeader("Score").setAutoWidth(true);
        addColumn(Recommendation::source).setHeader("Source").setAutoWidth(true);
        addColumn(Recommendation::reason).setHeader("Reason").setFlexGrow(3);
        setEmptyStateText("Nothing to recommend yet.");
    }

    private List<Recommendation> shown = List.of();

    public void show(List<Recommendation> recommendations) {
        shown = List.copyOf(recommendations);
        setItems(shown);
    }

    private int rank(Recommendation recommendation) {
        return shown.indexOf(recommendation);
    }
}
