package org.openreco.recommender.admin.catalog;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.inject.Inject;
import org.openreco.recommender.admin.MainLayout;
import org.openreco.recommender.admin.embeddings.EmbeddingsView;
import org.openreco.recommender.admin.items.ItemsView;
import org.openreco.recommender.admin.quality.QualityView;
import org.openreco.recommender.admin.recommendations.SearchView;
import org.openreco.recommender.admin.training.TrainingView;
import org.openreco.recommender.admin.users.UsersView;
import org.openreco.recommender.catalog.boundary.ApiKeys;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.catalog.entity.ApiKey;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;

/** One catalogue: what it holds, its settings, and its storefront API keys (create, shown once; revoke). */
@Route(value = "catalogues/:catalogue", layout = MainLayout.class)
@PageTitle("Catalogue · OpenReco")
public class CatalogueView extends VerticalLayout implements BeforeEnterObserver {

    private final Catalogues catalogues;
    private final ApiKeys apiKeys;
    private String catalogue;
    final H2 heading = new H2();
    final Span counts = new Span();
    final HorizontalLayout links = new HorizontalLayout();
    final SettingsForm settings = new SettingsForm();
    final Grid<ApiKey> keys = new Grid<>(ApiKey.class, false);
    final TextField keyName = new TextField();
    final Button createKey = new Button("Create key");

    @Inject
    public CatalogueView(Catalogues catalogues, ApiKeys apiKeys) {
        this.catalogues = catalogues;
        this.apiKeys = apiKeys;
        setId("catalogue-view");
        counts.setId("catalogue-counts");
        settings.addSaveListener(this::saveSettings);

        keys.setId("api-key-grid");
        keys.setAllRowsVisible(true);
        keys.addColumn(ApiKey::getName).setHeader("Name");
        keys.addColumn(ApiKey::getPrefix).setHeader("Prefix");
        keys.addColumn(key -> CataloguesView.format(key.getCreatedAt())).setHeader("Created");
        keys.addColumn(key -> key.isRevoked() ? "revoked " + CataloguesView.format(key.getRevokedAt()) : "active")
                .setHeader("Status");
        keys.addComponentColumn(key -> {
            var revoke = new Button("Revoke", click -> revoke(key));
            revoke.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.ERROR, ButtonVariant.TERTIARY);
            revoke.addClassName("revoke-key");
            revoke.setVisible(!key.isRevoked());
            return revoke;
        });
        keyName.setId("api-key-name");
        keyName.setPlaceholder("Key name, e.g. the storefront");
        createKey.setId("create-api-key");
        createKey.addClickListener(click -> createKey());
        var keyBar = new HorizontalLayout(keyName, createKey);
        keyBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(heading, counts, links, settings, new H3("API keys"), keyBar, keys);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        catalogue = event.getRouteParameters().get("catalogue").orElse("");
        if (catalogues.find(catalogue).isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "catalogue '" + catalogue + "' does not exist");
            return;
        }
        heading.setText("Catalogue " + catalogue);
        var parameters = new RouteParameters("catalogue", catalogue);
        links.removeAll();
        var items = new RouterLink("Items", ItemsView.class, parameters);
        items.setId("link-items");
        var users = new RouterLink("Users", UsersView.class, parameters);
        users.setId("link-users");
        var embeddings = new RouterLink("Embeddings", EmbeddingsView.class, parameters);
        embeddings.setId("link-embeddings");
        var search = new RouterLink("Search", SearchView.class, parameters);
        search.setId("link-search");
        var training = new RouterLink("Training", TrainingView.class, parameters);
        training.setId("link-training");
        var quality = new RouterLink("Quality", QualityView.class, parameters);
        quality.setId("link-quality");
        links.add(items, users, embeddings, search, training, quality);
        var c = catalogues.counts(catalogue);
        counts.setText(c.items() + " items · " + c.users() + " users · " + c.interactions() + " interactions");
        settings.show(catalogues.settings(catalogue));
        refreshKeys();
    }

    private void refreshKeys() {
        keys.setItems(apiKeys.list(catalogue));
    }

    private void saveSettings(SettingsForm.SaveEvent save) {
        try {
            settings.show(catalogues.updateSettings(catalogue, save.getSettings()));
            notify("Saved the settings", NotificationVariant.SUCCESS);
        } catch (InvalidInputException e) {
            settings.showError(e.field(), e.field() + " " + e.getMessage());
        }
    }

    private void createKey() {
        try {
            var created = apiKeys.create(catalogue, keyName.getValue());
            keyName.clear();
            keyName.setInvalid(false);
            refreshKeys();
            var dialog = new Dialog();
            dialog.setId("new-api-key-dialog");
            dialog.setHeaderTitle("API key " + created.apiKey().getName());
            var secret = new TextField("Copy it now: it is not shown again");
            secret.setId("new-api-key");
            secret.setValue(created.key());
            secret.setReadOnly(true);
            secret.setWidth("40em");
            var close = new Button("Done", click -> dialog.close());
            close.setId("close-api-key-dialog");
            dialog.add(new Paragraph("Storefronts send it as 'Authorization: Bearer <key>'."), secret);
            dialog.getFooter().add(close);
            dialog.open();
        } catch (InvalidInputException e) {
            keyName.setErrorMessage("Name " + e.getMessage());
            keyName.setInvalid(true);
        }
    }

    private void revoke(ApiKey key) {
        try {
            apiKeys.revoke(catalogue, key.getPrefix());
            notify("Revoked " + key.getPrefix(), NotificationVariant.SUCCESS);
        } catch (NotFoundException e) {
            notify(e.getMessage(), NotificationVariant.WARNING);
        }
        refreshKeys();
    }

    private static void notify(String text, NotificationVariant variant) {
        var notification = Notification.show(text, 4000, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(variant);
        notification.addClassName("console-notification");
    }
}
