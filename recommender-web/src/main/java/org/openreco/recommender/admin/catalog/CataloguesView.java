package org.openreco.recommender.admin.catalog;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.admin.MainLayout;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.catalog.entity.Catalogue;
import org.openreco.recommender.platform.boundary.ConflictException;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;

/** Every catalogue in a grid; selecting one, or "New catalogue", opens the {@link CatalogueForm} beside it. */
@Route(value = "catalogues", layout = MainLayout.class)
@PageTitle("Catalogues · OpenReco")
public class CataloguesView extends VerticalLayout {

    private static final Logger LOG = Logger.getLogger(CataloguesView.class.getName());
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final Catalogues catalogues;
    final Grid<Catalogue> grid = new Grid<>(Catalogue.class, false);
    final TextField filter = new TextField();
    final Button add = new Button("New catalogue", VaadinIcon.PLUS.create());
    final CatalogueForm form = new CatalogueForm();

    @Inject
    public CataloguesView(Catalogues catalogues) {
        this.catalogues = catalogues;
        setId("catalogues-view");
        addClassName("catalogues-view");
        setSizeFull();

        configureGrid();
        form.setVisible(false);
        form.addSaveListener(this::save);
        form.addDeleteListener(this::confirmDelete);
        form.addCloseListener(close -> closeEditor());

        var content = new HorizontalLayout(grid, form);
        content.addClassName("content");
        content.setFlexGrow(2, grid);
        content.setFlexGrow(1, form);
        content.setSizeFull();
        add(new H2("Catalogues"), toolbar(), content);
        refresh();
    }

    private void configureGrid() {
        grid.setId("catalogue-grid");
        grid.addClassName("catalogue-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.ROW_STRIPES);
        grid.addColumn(Catalogue::getName).setHeader("Name").setKey("name").setSortable(true).setFlexGrow(2);
        grid.addColumn(catalogue -> format(catalogue.getCreatedAt())).setHeader("Created").setKey("created")
                .setSortable(true).setComparator(Catalogue::getCreatedAt).setAutoWidth(true);
        grid.addColumn(catalogue -> format(catalogue.getUpdatedAt())).setHeader("Updated").setKey("updated")
                .setSortable(true).setComparator(Catalogue::getUpdatedAt).setAutoWidth(true);
        grid.addComponentColumn(catalogue -> {
            var open = new RouterLink("Open", CatalogueView.class, new RouteParameters("catalogue", catalogue.getName()));
            open.addClassName("open-catalogue");
            return open;
        }).setHeader("").setKey("open").setAutoWidth(true);
        grid.setEmptyStateText("No catalogues yet: create the first one.");
        grid.asSingleSelect().addValueChangeListener(selection -> {
            if (!selection.isFromClient()) {
                return;
            }
            if (selection.getValue() == null) {
                closeEditor();
            } else {
                edit(selection.getValue());
            }
        });
    }

    private HorizontalLayout toolbar() {
        filter.setId("catalogue-filter");
        filter.setPlaceholder("Filter by name");
        filter.setWidth("18em");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(change -> refresh());
        add.setId("add-catalogue");
        add.addThemeVariants(ButtonVariant.PRIMARY);
        add.addClickListener(click -> create());
        var toolbar = new HorizontalLayout(filter, add);
        toolbar.addClassName("toolbar");
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return toolbar;
    }

    void refresh() {
        String text = filter.getValue().strip().toLowerCase(Locale.ROOT);
        grid.setItems(catalogues.list().stream()
                .filter(catalogue -> text.isEmpty() || catalogue.getName().toLowerCase(Locale.ROOT).contains(text))
                .toList());
    }

    void create() {
        grid.asSingleSelect().clear();
        edit(null);
    }

    /** Opens the form on a catalogue, or on a new one for null. */
    void edit(Catalogue catalogue) {
        form.edit(catalogue);
        form.setVisible(true);
        form.name.focus();
        addClassName("editing");
    }

    void closeEditor() {
        form.edit(null);
        form.setVisible(false);
        grid.asSingleSelect().clear();
        removeClassName("editing");
    }

    private void save(CatalogueForm.SaveEvent save) {
        try {
            Catalogue saved = save.isNew()
                    ? catalogues.create(save.getName())
                    : catalogues.rename(save.getCatalogue().getName(), save.getName());
            notify((save.isNew() ? "Created catalogue " : "Renamed to ") + saved.getName(), NotificationVariant.SUCCESS);
            refresh();
            closeEditor();
        } catch (InvalidInputException e) {
            form.showError(e.field(), e.getMessage());
        } catch (ConflictException e) {
            form.showError(e.field(), e.getMessage());
        } catch (NotFoundException e) {
            gone(e);
        }
    }

    private void confirmDelete(CatalogueForm.DeleteEvent delete) {
        Catalogue catalogue = delete.getCatalogue();
        var dialog = new ConfirmDialog("Delete catalogue " + catalogue.getName() + "?",
                "Only an empty catalogue can be deleted. This cannot be undone.",
                "Delete", confirmed -> delete(catalogue));
        dialog.setId("confirm-delete");
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    void delete(Catalogue catalogue) {
        try {
            catalogues.delete(catalogue.getName());
            notify("Deleted catalogue " + catalogue.getName(), NotificationVariant.SUCCESS);
            refresh();
            closeEditor();
        } catch (ConflictException e) {
            form.showError(e.field(), e.getMessage());
        } catch (NotFoundException e) {
            gone(e);
        }
    }

    private void gone(NotFoundException e) {
        LOG.log(Level.FINE, "catalogue vanished while being edited", e);
        notify(capitalized(e.getMessage()), NotificationVariant.WARNING);
        refresh();
        closeEditor();
    }

    private static void notify(String text, NotificationVariant variant) {
        var notification = Notification.show(text, 4000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(variant);
        notification.addClassName("console-notification");
    }

    private static String capitalized(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String format(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }
}
