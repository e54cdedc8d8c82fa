package org.openreco.recommender.admin.users;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.inject.Inject;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.admin.MainLayout;
import org.openreco.recommender.admin.Polling;
import org.openreco.recommender.admin.recommendations.RecommendationGrid;
import org.openreco.recommender.recommendations.boundary.RecommendationQuery;
import org.openreco.recommender.recommendations.boundary.Recommendations;
import org.openreco.recommender.users.boundary.UserEvent;
import org.openreco.recommender.users.boundary.Users;

/**
 * One user: profile, attributes, a live preview of what the storefront would recommend to them (with
 * sources and reasons, refreshed every few seconds so new events show their effect), and their events,
 * newest first, loaded page by page.
 */
@Route(value = "catalogues/:catalogue/users/:user", layout = MainLayout.class)
@PageTitle("User · OpenReco")
public class UserView extends VerticalLayout implements BeforeEnterObserver {

    static final int PREVIEW_SIZE = 10;
    static final int REFRESH_MILLIS = 3000;
    private static final Logger LOG = Logger.getLogger(UserView.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Users users;
    private final Recommendations recommendations;
    final H2 heading = new H2();
    final RecommendationGrid preview = new RecommendationGrid("user-recommendations");
    final Paragraph previewStatus = new Paragraph();
    private String catalogue = "";
    private String userId = "";
    final Paragraph profile = new Paragraph();
    final Paragraph attributes = new Paragraph();
    final Grid<UserEvent> history = new Grid<>(UserEvent.class, false);
    private final VerticalLayout links = new VerticalLayout();

    @Inject
    public UserView(Users users, Recommendations recommendations) {
        this.users = users;
        this.recommendations = recommendations;
        setId("user-view");
        setSizeFull();
        profile.setId("user-profile");
        attributes.setId("user-attributes");
        history.setId("user-history");
        history.setSizeFull();
        history.addColumn(e -> UsersView.WHEN.format(e.occurredAt())).setHeader("When").setAutoWidth(true);
        history.addColumn(UserEvent::type).setHeader("Type").setAutoWidth(true);
        history.addColumn(UserEvent::itemExternalId).setHeader("Item").setAutoWidth(true);
        history.addColumn(UserEvent::itemTitle).setHeader("Title").setFlexGrow(3);
        history.addColumn(e -> e.value() == null ? "" : String.valueOf(e.value())).setHeader("Value").setAutoWidth(true);
        history.addColumn(e -> String.valueOf(e.weight())).setHeader("Weight").setAutoWidth(true);
        history.setEmptyStateText("No events yet.");
        links.setPadding(false);
        previewStatus.setId("user-recommendations-status");
        previewStatus.addClassName("refreshed");
        add(links, heading, profile, attributes, new H3("Recommendations (live preview)"), previewStatus, preview,
                new H3("History"), history);
        Polling.every(this, REFRESH_MILLIS, this::refreshPreview);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String catalogue = event.getRouteParameters().get("catalogue").orElse("");
        String id = event.getRouteParameters().get("user").orElse("");
        var user = users.find(catalogue, id).orElse(null);
        if (user == null) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "no user '" + id + "' in '" + catalogue + "'");
            return;
        }
        links.removeAll();
        links.add(new RouterLink("Users of " + catalogue, UsersView.class, new RouteParameters("catalogue", catalogue)));
        heading.setText("User " + user.getExternalId());
        profile.setText(user.getProfileText() == null ? "No profile text" : user.getProfileText());
        attributes.setText("Attributes: " + user.getAttributes());
        history.setItems(query -> users.history(catalogue, id, query.getOffset(), query.getLimit()).stream());
        this.catalogue = catalogue;
        this.userId = id;
        refreshPreview();
    }


    /** The preview does not log impressions: an operator looking is not a storefront showing. */
    void refreshPreview() {
        if (catalogue.isEmpty()) {
            return;
        }
        try {
            preview.show(recommendations.preview(catalogue, userId, RecommendationQuery.top(PREVIEW_SIZE)).items());
            previewStatus.setText("Updated " + LocalTime.now().format(TIME) + ", every " + REFRESH_MILLIS / 1000 + " s");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not preview the recommendations of " + userId, e);
            previewStatus.setText("Recommendations unavailable: " + e.getMessage());
        }
    }
}
