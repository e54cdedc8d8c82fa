package org.openreco.recommender.admin.catalog;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;

/**
 * A catalogue's settings: one row per event type with its weight (add and remove rows), the rating
 * pivot, the embedding model, the re-embedding interval, the user taste half-life and the training schedule. Fires a {@link SaveEvent} with the
 * settings; the core validates them and the view shows what it refuses.
 */
public class SettingsForm extends VerticalLayout {

    final VerticalLayout weights = new VerticalLayout();
    final List<TypeRow> rows = new ArrayList<>();
    final Button addType = new Button("Add event type", VaadinIcon.PLUS.create());
    final NumberField ratingPivot = new NumberField("Rating pivot");
    final TextField embeddingModel = new TextField("Embedding model");
    final IntegerField reembedInterval = new IntegerField("Re-embedding interval (s)");
    final NumberField userHalfLife = new NumberField("User taste half-life (days)");
    final IntegerField trainingInterval = new IntegerField("Scheduled training every (hours)");
    final Button save = new Button("Save settings");

    /** One event type and its weight. */
    record TypeRow(HorizontalLayout layout, TextField type, NumberField weight) {
    }

    public SettingsForm() {
        setId("settings-form");
        setPadding(false);
        weights.setId("event-weights");
        weights.setPadding(false);
        weights.setSpacing(false);
        addType.setId("add-event-type");
        addType.addThemeVariants(ButtonVariant.TERTIARY);
        addType.addClickListener(click -> addRow("", 1.0));
        ratingPivot.setId("rating-pivot");
        ratingPivot.setHelperText("A rating weighs (value − pivot) × the rating weight: low ratings count as negative");
        embeddingModel.setId("embedding-model");
        embeddingModel.setHelperText("One of " + Arrays.stream(EmbeddingModel.values())
                .map(EmbeddingModel::modelName).toList()
                + "; a change re-embeds the catalogue while the current vectors keep serving");
        userHalfLife.setId("user-half-life");
        userHalfLife.setMin(0.01);
        userHalfLife.setHelperText("An event's weight in the user's taste halves after this many days");
        trainingInterval.setId("training-interval");
        trainingInterval.setMin(0);
        trainingInterval.setMax(CatalogueSettings.MAX_TRAINING_INTERVAL_HOURS);
        trainingInterval.setHelperText("0: only when started from the Training view or the API");
        reembedInterval.setId("reembed-interval");
        reembedInterval.setMin(1);
        reembedInterval.setMax(CatalogueSettings.MAX_REEMBED_INTERVAL_SECONDS);
        save.setId("settings-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(click -> fireEvent(new SaveEvent(this, settings())));
        var other = new FormLayout(ratingPivot, embeddingModel, reembedInterval, userHalfLife, trainingInterval);
        add(new H3("Settings"), weights, addType, other, save);
    }

    private CatalogueSettings shown;

    public void show(CatalogueSettings settings) {
        weights.removeAll();
        rows.clear();
        new TreeMap<>(settings.eventWeights()).forEach(this::addRow);
        ratingPivot.setValue(settings.ratingPivot());
        embeddingModel.setValue(settings.embeddingModel());
        reembedInterval.setValue(settings.reembedIntervalSeconds());
        userHalfLife.setValue(settings.halfLifeDays());
        trainingInterval.setValue(settings.trainingIntervalHours() == null ? 0 : settings.trainingIntervalHours());
        shown = settings;
    }

    private void addRow(String type, double weight) {
        var typeField = new TextField();
        typeField.setPlaceholder("event type");
        typeField.setValue(type);
        typeField.addClassName("event-type");
        var weightField = new NumberField();
        weightField.setValue(weight);
        weightField.addClassName("event-weight");
        var remove = new Button(VaadinIcon.TRASH.create());
        remove.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.ERROR);
        var layout = new HorizontalLayout(typeField, weightField, remove);
        var row = new TypeRow(layout, typeField, weightField);
        remove.addClickListener(click -> {
            rows.remove(row);
            weights.remove(layout);
        });
        rows.add(row);
        weights.add(layout);
    }

    /** What the form holds now; blank types are left out. */
    CatalogueSettings settings() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (TypeRow row : rows) {
            if (!row.type().getValue().isBlank()) {
                map.put(row.type().getValue().strip(), row.weight().getValue() == null ? Double.NaN : row.weight().getValue());
            }
        }
        return new CatalogueSettings(map, ratingPivot.getValue() == null ? Double.NaN : ratingPivot.getValue(),
                embeddingModel.getValue().strip(), reembedInterval.getValue() == null ? 0 : reembedInterval.getValue(),
                userHalfLife.getValue(), trainingInterval.getValue())
                // the training engine is set through the API: the form keeps what it was shown
                .withTrainingEngine(shown == null ? null : shown.trainingEngine(), shown == null ? null : shown.sparkMaster());
    }

    public void showError(String field, String message) {
        switch (field == null ? "" : field) {
            case "ratingPivot" -> {
                ratingPivot.setErrorMessage(message);
                ratingPivot.setInvalid(true);
            }
            case "embeddingModel" -> {
                embeddingModel.setErrorMessage(message);
                embeddingModel.setInvalid(true);
            }
            case "userHalfLifeDays" -> {
                userHalfLife.setErrorMessage(message);
                userHalfLife.setInvalid(true);
            }
            case "trainingIntervalHours" -> {
                trainingInterval.setErrorMessage(message);
                trainingInterval.setInvalid(true);
            }
            case "reembedIntervalSeconds" -> {
                reembedInterval.setErrorMessage(message);
                reembedInterval.setInvalid(true);
            }
            default -> {
                var first = rows.isEmpty() ? null : rows.get(0).type();
                if (first != null) {
                    first.setErrorMessage(message);
                    first.setInvalid(true);
                }
            }
        }
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    /** Store these settings. */
    public static class SaveEvent extends ComponentEvent<SettingsForm> {

        private final CatalogueSettings settings;

        SaveEvent(SettingsForm source, CatalogueSettings settings) {
            super(source, false);
            this.settings = settings;
        }

        public CatalogueSettings getSettings() {
            return settings;
        }
    }
}
