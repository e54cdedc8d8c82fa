package org.openreco.recommender.admin.items;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.Arrays;
import java.util.List;
import org.openreco.recommender.catalog.boundary.ItemData;
import org.openreco.recommender.catalog.entity.Item;

/**
 * Edits one item (or a new one, for {@link #edit(Item)} with null): id, title, description,
 * categories and tags as comma-separated lists, availability. Fires a {@link SaveEvent} carrying the
 * {@link ItemData} to upsert, a {@link DeleteEvent} or a {@link CancelEvent}; the view acts on them.
 * Limits are the core's; the core checks them again and the view shows what it refuses.
 */
public class ItemForm extends FormLayout {

    final H3 heading = new H3();
    final TextField externalId = new TextField("External id");
    final TextField title = new TextField("Title");
    final TextArea description = new TextArea("Description");
    final TextField categories = new TextField("Categories");
    final TextField tags = new TextField("Tags");
    final Checkbox available = new Checkbox("Available (recommended)");
    final Button save = new Button("Save");
    final Button delete = new Button("Delete");
    final Button cancel = new Button("Cancel");

    private Item item;

    public ItemForm() {
        setId("item-form");
        addClassName("item-form");
        setResponsiveSteps(new ResponsiveStep("0", 1));
        externalId.setId("item-external-id");
        externalId.setRequiredIndicatorVisible(true);
        externalId.setMaxLength(200);
        title.setId("item-title");
        title.setRequiredIndicatorVisible(true);
        title.setMaxLength(Item.TITLE_MAX_LENGTH);
        description.setId("item-description");
        description.setMaxHeight("12em");
        categories.setId("item-categories");
        categories.setHelperText("Comma-separated");
        tags.setId("item-tags");
        tags.setHelperText("Comma-separated");
        available.setId("item-available");

        save.setId("item-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickShortcut(Key.ENTER);
        save.addClickListener(click -> validateAndSave());
        delete.setId("item-delete");
        delete.addThemeVariants(ButtonVariant.ERROR);
        delete.addClickListener(click -> fireEvent(new DeleteEvent(this, item)));
        cancel.setId("item-cancel");
        cancel.addThemeVariants(ButtonVariant.TERTIARY);
        cancel.addClickShortcut(Key.ESCAPE);
        cancel.addClickListener(click -> fireEvent(new CancelEvent(this, item)));

        heading.setId("item-form-heading");
        add(heading, externalId, title, description, categories, tags, available, new HorizontalLayout(save, delete, cancel));
        edit(null);
    }

    /** Shows an item for editing, or, given null, an empty form for a new one. */
    public void edit(Item item) {
        this.item = item;
        externalId.setValue(item == null ? "" : item.getExternalId());
        externalId.setReadOnly(item != null);
        title.setValue(item == null ? "" : item.getTitle());
        description.setValue(item == null || item.getDescription() == null ? "" : item.getDescription());
        categories.setValue(item == null ? "" : String.join(", ", item.getCategories()));
        tags.setValue(item == null ? "" : String.join(", ", item.getTags()));
        available.setValue(item == null || item.isAvailable());
        heading.setText(item == null ? "New item" : "Item " + item.getExternalId());
        delete.setVisible(item != null);
        for (var field : List.of(externalId, title, categories, tags)) {
            field.setInvalid(false);
        }
        description.setInvalid(false);
    }

    public Item getItem() {
        return item;
    }

    /** Shows why the core refused the item, on the field it names. */
    public void showError(String field, String message) {
        String text = message == null || message.isEmpty() ? "Refused" : Character.toUpperCase(message.charAt(0)) + message.substring(1);
        switch (field == null ? "" : field) {
            case "externalId" -> invalid(externalId, text);
            case "description" -> {
                description.setErrorMessage(text);
                description.setInvalid(true);
            }
            case "categories" -> invalid(categories, text);
            case "tags" -> invalid(tags, text);
            default -> invalid(title, field == null || "title".equals(field) ? text : field + ": " + text);
        }
    }

    private static void invalid(TextField field, String text) {
        field.setErrorMessage(text);
        field.setInvalid(true);
    }

    private void validateAndSave() {
        boolean ok = true;
        if (externalId.getValue().isBlank()) {
            invalid(externalId, "External id is required");
            ok = false;
        }
        if (title.getValue().isBlank()) {
            invalid(title, "Title is required");
            ok = false;
        }
        if (!ok) {
            return;
        }
        var data = new ItemData(externalId.getValue().strip(), title.getValue().strip(),
                description.getValue().isBlank() ? null : description.getValue(),
                list(categories.getValue()), list(tags.getValue()), null, available.getValue(), null);
        fireEvent(new SaveEvent(this, item, data));
    }

    static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    public Registration addDeleteListener(ComponentEventListener<DeleteEvent> listener) {
        return addListener(DeleteEvent.class, listener);
    }

    public Registration addCancelListener(ComponentEventListener<CancelEvent> listener) {
        return addListener(CancelEvent.class, listener);
    }

    /** Something the user asked the form to do with an item (null: the new one). */
    public abstract static class ItemFormEvent extends ComponentEvent<ItemForm> {

        private final Item item;

        protected ItemFormEvent(ItemForm source, Item item) {
            super(source, false);
            this.item = item;
        }

        /** The item the form was editing; null when it was creating a new one. */
        public Item getItem() {
            return item;
        }
    }

    /** Upsert {@link #getData()}. */
    public static class SaveEvent extends ItemFormEvent {

        private final ItemData data;

        SaveEvent(ItemForm source, Item item, ItemData data) {
            super(source, item);
            this.data = data;
        }

        public ItemData getData() {
            return data;
        }
    }

    /** Delete {@link #getItem()}. */
    public static class DeleteEvent extends ItemFormEvent {

        DeleteEvent(ItemForm source, Item item) {
            super(source, item);
        }
    }

    /** Leave the form without changing anything. */
    public static class CancelEvent extends ItemFormEvent {

        CancelEvent(ItemForm source, Item item) {
            super(source, item);
        }
    }
}
