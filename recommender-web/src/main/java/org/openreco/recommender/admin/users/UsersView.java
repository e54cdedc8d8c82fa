package org.openreco.recommender.admin.users;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.openreco.recommender.admin.MainLayout;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.users.boundary.Users;
import org.openreco.recommender.users.entity.AppUser;

/** A catalogue's users, loaded page by page, filtered by id; a row opens the {@link UserView}. */
@Route(value = "catalogues/:catalogue/users", layout = MainLayout.class)
@PageTitle("Users · OpenReco")
public class UsersView extends VerticalLayout implements BeforeEnterObserver {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final Users users;
    private final Catalogues catalogues;
    private String catalogue;
    final H2 heading = new H2();
    final TextField filter = new TextField();
    final Grid<AppUser> grid = new Grid<>(AppUser.class, false);

    @Inject
    public UsersView(Users users, Catalogues catalogues) {
        this.users = users;
        this.catalogues = catalogues;
        setId("users-view");
        setSizeFull();
        filter.setId("user-filter");
        filter.setPlaceholder("External id");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
        grid.setId("user-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.ROW_STRIPES);
        grid.addColumn(AppUser::getExternalId).setHeader("External id").setKey("externalId").setFlexGrow(1);
        grid.addColumn(user -> user.getProfileText() == null ? "" : user.getProfileText()).setHeader("Profile").setFlexGrow(3);
        grid.addColumn(user -> WHEN.format(user.getCreatedAt())).setHeader("Created").setAutoWidth(true);
        grid.setEmptyStateText("No users match.");
        grid.addItemClickListener(click -> click.getSource().getUI().ifPresent(ui -> ui.navigate(UserView.class,
                new RouteParameters(java.util.Map.of("catalogue", catalogue, "user", click.getItem().getExternalId())))));
        add(heading, filter, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        catalogue = event.getRouteParameters().get("catalogue").orElse("");
        if (catalogues.find(catalogue).isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "catalogue '" + catalogue + "' does not exist");
            return;
        }
        heading.setText("Users of " + catalogue);
        grid.setItems(query -> users.list(catalogue, filter.getValue(), query.getOffset(), query.getLimit()).stream());
    }
}
