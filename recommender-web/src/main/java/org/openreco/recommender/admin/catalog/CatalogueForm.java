package org.openreco.recommender.admin.catalog;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import org.openreco.recommender.catalog.entity.Catalogue;

/**
 * Edits one catalogue's name: a new catalogue when {@link #edit(Catalogue)} was given null, an
 * existing one otherwise. It checks the name with the same rule the core applies and fires a
 * {@link SaveEvent}, {@link DeleteEvent} or {@link CloseEvent}; what happens then is the view's business.
 */
public class CatalogueForm extends FormLayout {

    final H3 heading = new H3();
    final TextField name = new TextField("Name");
    final Button save = new Button("Save");
    final Button delete = new Button("Delete");
    final Button close = new Button("Cancel");

    private final Binder<Draft> binder = new Binder<>();
    private Catalogue catalogue;

    public CatalogueForm() {
        setId("catalogue-form");
        addClassName("catalogue-form");
        setResponsiveSteps(new ResponsiveStep("0", 1));

        name.setId("catalogue-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(Catalogue.NAME_MAX_LENGTH);
        name.setHelperText("Letters, digits, '.', '_' and '-'; used in storefront URLs");
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.setClearButtonVisible(true);
        binder.forField(name)
                .withValidator((value, context) -> {
                    String problem = Catalogue.nameProblem(value);
                    return problem == null ? ValidationResult.ok() : ValidationResult.error("Name " + problem);
                })
                .bind(draft -> draft.name, (draft, value) -> draft.name = value);

        save.setId("catalogue-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickShortcut(Key.ENTER);
        save.addClickListener(click -> validateAndSave());
        delete.setId("catalogue-delete");
        delete.addThemeVariants(ButtonVariant.ERROR);
        delete.addClickListener(click -> fireEvent(new DeleteEvent(this, catalogue)));
        close.setId("catalogue-close");
        close.addThemeVariants(ButtonVariant.TERTIARY);
        close.addClickShortcut(Key.ESCAPE);
        close.addClickListener(click -> fireEvent(new CloseEvent(this)));

        heading.setId("catalogue-form-heading");
        var buttons = new HorizontalLayout(save, delete, close);
        buttons.addClassName("buttons");
        add(heading, name, buttons);
        edit(null);
    }

    /** Shows a catalogue for renaming or deleting, or, given null, an empty form for a new one. */
    public void edit(Catalogue catalogue) {
        this.catalogue = catalogue;
        var draft = new Draft();
        draft.name = catalogue == null ? "" : catalogue.getName();
        binder.readBean(draft);
        name.setInvalid(false);
        heading.setText(catalogue == null ? "New catalogue" : "Catalogue " + catalogue.getName());
        save.setText(catalogue == null ? "Create" : "Rename");
        delete.setVisible(catalogue != null);
    }

    /** The catalogue being edited, or null when the form creates a new one. */
    public Catalogue getCatalogue() {
        return catalogue;
    }

    /**
     * Shows why the core refused the input: on the field it names when the form has that field,
     * otherwise on the name, the only thing this form edits.
     */
    public void showError(String field, String message) {
        String text = message == null || message.isEmpty() ? "Refused" : Character.toUpperCase(message.charAt(0)) + message.substring(1);
        name.setErrorMessage(field == null || "name".equals(field) ? text : field + ": " + text);
        name.setInvalid(true);
        name.focus();
    }

    private void validateAndSave() {
        var draft = new Draft();
        if (binder.writeBeanIfValid(draft)) {
            fireEvent(new SaveEvent(this, catalogue, draft.name.strip()));
        }
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    public Registration addDeleteListener(ComponentEventListener<DeleteEvent> listener) {
        return addListener(DeleteEvent.class, listener);
    }

    public Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** What the form holds while the user types. */
    private static final class Draft {
        String name = "";
    }

    /** Something the user asked the form to do with a catalogue (null: the new one). */
    public abstract static class CatalogueFormEvent extends ComponentEvent<CatalogueForm> {

        private final Catalogue catalogue;

        protected CatalogueFormEvent(CatalogueForm source, Catalogue catalogue) {
            super(source, false);
            this.catalogue = catalogue;
        }

        /** The catalogue the form was editing; null when it was creating a new one. */
        public Catalogue getCatalogue() {
            return catalogue;
        }
    }

    /** Create a catalogue with {@link #getName()}, or rename {@link #getCatalogue()} to it. */
    public static class SaveEvent extends CatalogueFormEvent {

        private final String name;

        SaveEvent(CatalogueForm source, Catalogue catalogue, String name) {
            super(source, catalogue);
            this.name = name;
        }

        public String getName() {
            return name;
        }

        public boolean isNew() {
            return getCatalogue() == null;
        }
    }

    /** Delete {@link #getCatalogue()}. */
    public static class DeleteEvent extends CatalogueFormEvent {

        DeleteEvent(CatalogueForm source, Catalogue catalogue) {
            super(source, catalogue);
        }
    }

    /** Leave the form without changing anything. */
    public static class CloseEvent extends CatalogueFormEvent {

        CloseEvent(CatalogueForm source) {
            super(source, null);
        }
    }
}
