package org.openreco.recommender.admin.items;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
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
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.RouteParameters;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.openreco.recommender.admin.MainLayout;
import org.openreco.recommender.admin.catalog.CatalogueView;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.catalog.boundary.ItemFilter;
import org.openreco.recommender.catalog.boundary.Items;
import org.openreco.recommender.catalog.entity.Item;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;

/**
 * A catalogue's items, loaded page by page as the grid scrolls (catalogues may hold millions), filtered
 * by text and category; a row opens the {@link ItemForm}, its button hides or unhides the item.
 * Every value is rendered as text, so markup in item data shows as typed.
 */
@Route(value = "catalogues/:catalogue/items", layout = MainLayout.class)
@PageTitle("Items · OpenReco")
public class ItemsView extends VerticalLayout implements BeforeEnterObserver {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final Items items;
    private final Catalogues catalogues;
    private String catalogue;
    final H2 heading = new H2();
    final Grid<Item> grid = new Grid<>(Item.class, false);
    final TextField filter = new TextField();
    final ComboBox<String> category = new ComboBox<>();
    final Button add = new Button("New item", VaadinIcon.PLUS.create());
    final ItemForm form = new ItemForm();
    final HorizontalLayout links = new HorizontalLayout();

    @Inject
    public ItemsView(Items items, Catalogues catalogues) {
        this.items = items;
        this.catalogues = catalogues;
        setId("items-view");
        setSizeFull();
        configureGrid();
        filter.setId("item-filter");
        filter.setPlaceholder("Title or external id");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(change -> refresh());
        category.setId("item-category-filter");
        category.setPlaceholder("Any category");
        category.setClearButtonVisible(true);
        category.addValueChangeListener(change -> refresh());
        add.setId("add-item");
        add.addClickListener(click -> edit(null));
        var toolbar = new HorizontalLayout(filter, category, add);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        form.setVisible(false);
        form.addSaveListener(this::save);
        form.addDeleteListener(this::confirmDelete);
        form.addCancelListener(cancel -> closeEditor());
        var content = new HorizontalLayout(grid, form);
        content.setFlexGrow(2, grid);
        content.setFlexGrow(1, form);
        content.setSizeFull();
        add(heading, links, toolbar, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        catalogue = event.getRouteParameters().get("catalogue").orElse("");
        if (catalogues.find(catalogue).isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "catalogue '" + catalogue + "' does not exist");
            return;
        }
        heading.setText("Items of " + catalogue);
        links.removeAll();
        links.add(new RouterLink("Catalogue " + catalogue, CatalogueView.class, new RouteParameters("catalogue", catalogue)));
        category.setItems(items.categories(catalogue));
        grid.setItems(query -> items.list(catalogue, currentFilter(), query.getOffset(), query.getLimit()).stream());
    }

    private void configureGrid() {
        grid.setId("item-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.ROW_STRIPES);
        grid.addColumn(Item::getExternalId).setHeader("External id").setKey("externalId").setAutoWidth(true);
        grid.addColumn(Item::getTitle).setHeader("Title").setKey("title").setFlexGrow(3);
        grid.addColumn(item -> String.join(", ", item.getCategories())).setHeader("Categories").setKey("categories").setFlexGrow(1);
        grid.addColumn(item -> item.isAvailable() ? "available" : "hidden").setHeader("Status").setKey("status").setAutoWidth(true);
        grid.addColumn(item -> WHEN.format(item.getUpdatedAt())).setHeader("Updated").setKey("updated").setAutoWidth(true);
        grid.addComponentColumn(item -> {
            var toggle = new Button(item.isAvailable() ? "Hide" : "Unhide", click -> setAvailable(item, !item.isAvailable()));
            toggle.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
            toggle.addClassName("item-toggle");
            toggle.getElement().setAttribute("data-item", item.getExternalId());
            return toggle;
        }).setHeader("").setKey("toggle").setAutoWidth(true);
        grid.setEmptyStateText("No items match.");
        grid.asSingleSelect().addValueChangeListener(selection -> {
            if (selection.isFromClient()) {
                if (selection.getValue() == null) {
                    closeEditor();
                } else {
                    edit(selection.getValue());
                }
            }
        });
    }

    ItemFilter currentFilter() {
        return new ItemFilter(filter.getValue(), category.getValue());
    }

    void refresh() {
        grid.getDataProvider().refreshAll();
    }

    void edit(Item item) {
        form.edit(item);
        form.setVisible(true);
        (item == null ? form.externalId : form.title).focus();
    }

    void closeEditor() {
        form.edit(null);
        form.setVisible(false);
        grid.asSingleSelect().clear();
    }

    private void setAvailable(Item item, boolean available) {
        try {
            items.setAvailable(catalogue, item.getExternalId(), available);
            notify((available ? "Unhid " : "Hid ") + item.getExternalId(), NotificationVariant.SUCCESS);
        } catch (NotFoundException e) {
            notify(e.getMessage(), NotificationVariant.WARNING);
        }
        refresh();
    }

    private void save(ItemForm.SaveEvent save) {
        try {
            items.upsert(catalogue, save.getData());
            notify("Saved " + save.getData().externalId(), NotificationVariant.SUCCESS);
            category.setItems(items.categories(catalogue));
            refresh();
            closeEditor();
        } catch (InvalidInputException e) {
            form.showError(e.field(), e.getMessage());
        }
    }

    private void confirmDelete(ItemForm.DeleteEvent delete) {
        Item item = delete.getItem();
        var dialog = new ConfirmDialog("Delete item " + item.getExternalId() + "?",
                "Its interactions are deleted with it. This cannot be undone.", "Delete", confirmed -> {
                    try {
                        items.delete(catalogue, item.getExternalId());
                        notify("Deleted " + item.getExternalId(), NotificationVariant.SUCCESS);
                    } catch (NotFoundException e) {
                        notify(e.getMessage(), NotificationVariant.WARNING);
                    }
                    refresh();
                    closeEditor();
                });
        dialog.setId("confirm-delete-item");
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private static void notify(String text, NotificationVariant variant) {
        var notification = Notification.show(text, 4000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(variant);
        notification.addClassName("console-notification");
    }
}
