package org.openreco.recommender.admin.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.catalog.entity.Item;

/** The item form without a browser or a server: fill it, click, and look at the events it fires. */
class ItemFormTest {

    ItemForm form;
    List<ItemForm.SaveEvent> saved = new ArrayList<>();
    List<ItemForm.DeleteEvent> deleted = new ArrayList<>();
    List<ItemForm.CancelEvent> cancelled = new ArrayList<>();
    Item lamp = new Item("lamp-1", "Desk lamp", "Brass", List.of("lighting", "home"), List.of("warm"), true);

    @BeforeEach
    void listenToTheForm() {
        form = new ItemForm();
        form.addSaveListener(saved::add);
        form.addDeleteListener(deleted::add);
        form.addCancelListener(cancelled::add);
    }

    @Test
    void a_new_form_is_empty_editable_and_offers_no_delete() {
        assertEquals("", form.externalId.getValue());
        assertFalse(form.externalId.isReadOnly());
        assertTrue(form.available.getValue());
        assertFalse(form.delete.isVisible());
        assertNull(form.getItem());
    }

    @Test
    void editing_an_item_shows_its_fields_and_keeps_its_id_fixed() {
        form.edit(lamp);
        assertEquals("lamp-1", form.externalId.getValue());
        assertTrue(form.externalId.isReadOnly());
        assertEquals("Desk lamp", form.title.getValue());
        assertEquals("Brass", form.description.getValue());
        assertEquals("lighting, home", form.categories.getValue());
        assertEquals("warm", form.tags.getValue());
        assertTrue(form.delete.isVisible());
    }

    @Test
    void saving_fires_the_item_data_with_comma_separated_lists_split_and_trimmed() {
        form.edit(lamp);
        form.title.setValue("Desk lamp, brass");
        form.categories.setValue(" lighting ,, office, lighting ");
        form.available.setValue(false);

        form.save.click();

        assertEquals(1, saved.size());
        var data = saved.get(0).getData();
        assertEquals("lamp-1", data.externalId());
        assertEquals("Desk lamp, brass", data.title());
        assertEquals(List.of("lighting", "office"), data.categories());
        assertEquals(List.of("warm"), data.tags());
        assertEquals(Boolean.FALSE, data.available());
        assertNull(data.attributes(), "attributes the form does not show are kept");
        assertSame(lamp, saved.get(0).getItem());
    }

    @Test
    void a_missing_title_or_id_is_shown_on_the_field_and_fires_nothing() {
        form.title.setValue("  ");
        form.save.click();
        assertTrue(saved.isEmpty());
        assertTrue(form.title.isInvalid());
        assertTrue(form.externalId.isInvalid());
    }

    @Test
    void markup_in_a_title_is_kept_as_typed() {
        form.externalId.setValue("x");
        form.title.setValue("<script>alert(1)</script>");
        form.save.click();
        assertEquals("<script>alert(1)</script>", saved.get(0).getData().title());
    }

    @Test
    void delete_and_cancel_fire_their_events_with_the_item() {
        form.edit(lamp);
        form.delete.click();
        form.cancel.click();
        assertSame(lamp, deleted.get(0).getItem());
        assertSame(lamp, cancelled.get(0).getItem());
        assertTrue(saved.isEmpty());
    }

    @Test
    void a_refusal_from_the_core_is_shown_on_the_field_it_names() {
        form.showError("categories", "entry 0 is blank");
        assertTrue(form.categories.isInvalid());
        assertEquals("Entry 0 is blank", form.categories.getErrorMessage());
        form.showError("attributes", "must be a JSON object");
        assertTrue(form.title.isInvalid());
    }
}
