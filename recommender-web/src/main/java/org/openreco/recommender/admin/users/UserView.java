package org.openreco.recommender.admin.users;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.inject.Inject;
import org.openreco.recommender.admin.MainLayout;
import org.openreco.recommender.users.boundary.UserEvent;
import org.openreco.recommender.users.boundary.Users;

/** One user: profile, attributes and their events, newest first, loaded page by page. */
@Route(value = "catalogues/:catalogue/users/:user", layout = MainLayout.class)
@PageTitle("User · OpenReco")
public class UserView extends VerticalLayout implements BeforeEnterObserver {

    private final Users users;
    final H2 heading = new H2();
    final Paragraph profile = new Paragraph();
    final Paragraph attributes = new Paragraph();
    final Grid<UserEvent> history = new Grid<>(UserEvent.class, false);
    private final VerticalLayout links = new VerticalLayout();

    @Inject
    public UserView(Users users) {
        this.users = users;
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
        add(links, heading, profile, attributes, history);
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
    }
}
