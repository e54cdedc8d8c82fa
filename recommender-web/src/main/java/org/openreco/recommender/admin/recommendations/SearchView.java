package org.openreco.recommender.admin.recommendations;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.inject.Inject;
import org.openreco.recommender.admin.MainLayout;
import org.openreco.recommender.admin.catalog.CatalogueView;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;
import org.openreco.recommender.recommendations.boundary.RecommendationQuery;
import org.openreco.recommender.recommendations.boundary.Recommendations;

/**
 * Semantic search over a catalogue, the way a storefront's search box would call it: free text in the
 * catalogue's embedding model, optionally leaning towards a user's taste.
 */
@Route(value = "catalogues/:catalogue/search", layout = MainLayout.class)
@PageTitle("Search · OpenReco")
public class SearchView extends VerticalLayout implements BeforeEnterObserver {

    private final Recommendations recommendations;
    private final Catalogues catalogues;
    final TextField query = new TextField("Search text");
    final TextField user = new TextField("For user (optional)");
    final IntegerField n = new IntegerField("Results");
    final Button search = new Button("Search", VaadinIcon.SEARCH.create());
    final Paragraph status = new Paragraph();
    final RecommendationGrid results = new RecommendationGrid("search-results");
    private final HorizontalLayout links = new HorizontalLayout();
    private String catalogue = "";

    @Inject
    public SearchView(Recommendations recommendations, Catalogues catalogues) {
        this.recommendations = recommendations;
        this.catalogues = catalogues;
        setId("search-view");
        query.setId("search-query");
        query.setPlaceholder("e.g. space adventure");
        query.setClearButtonVisible(true);
        query.setWidth("28em");
        query.setMaxLength(Recommendations.MAX_QUERY_LENGTH);
        user.setId("search-user");
        n.setId("search-n");
        n.setValue(RecommendationQuery.DEFAULT_N);
        n.setMin(1);
        n.setMax(RecommendationQuery.MAX_N);
        n.setStepButtonsVisible(true);
        search.setId("search-button");
        search.addThemeVariants(ButtonVariant.PRIMARY);
        search.addClickShortcut(Key.ENTER);
        search.addClickListener(click -> run());
        status.setId("search-status");
        var form = new HorizontalLayout(query, user, n, search);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(links, new H2("Semantic search"), form, status, results);
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
    }

    void run() {
        query.setInvalid(false);
        n.setInvalid(false);
        try {
            int count = n.getValue() == null ? RecommendationQuery.DEFAULT_N : n.getValue();
            var list = recommendations.searchPreview(catalogue, query.getValue(), user.getValue(), RecommendationQuery.top(count));
            results.show(list.items());
            status.setText(list.items().isEmpty()
                    ? "No results: the catalogue has no embedded items yet."
                    : list.items().size() + " results (a preview: no impressions are logged)");
        } catch (InvalidInputException e) {
            var field = "n".equals(e.field()) ? n : query;
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
            status.setText("");
        } catch (NotFoundException e) {
            status.setText(e.getMessage());
        }
    }
}
