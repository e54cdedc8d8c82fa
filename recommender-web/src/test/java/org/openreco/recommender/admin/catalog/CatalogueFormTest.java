package org.openreco.recommender.admin.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.catalog.entity.Catalogue;

/** The catalogue form without a browser or a server: fill it, click, and look at the events it fires. */
class CatalogueFormTest {

    CatalogueForm form;
    List<CatalogueForm.SaveEvent> saved = new ArrayList<>();
    List<CatalogueForm.DeleteEvent> deleted = new ArrayList<>();
    List<CatalogueForm.CloseEvent> closed = new ArrayList<>();

    @BeforeEach
    void listenToTheForm() {
        form = new CatalogueForm();
        form.addSaveListener(saved::add);
        form.addDeleteListener(deleted::add);
        form.addCloseListener(closed::add);
    }

    @Test
    void a_new_form_is_empty_and_offers_create_without_delete() {
        assertEquals("", form.name.getValue());
        assertEquals("Create", form.save.getText());
        assertFalse(form.delete.isVisible());
        assertNull(form.getCatalogue());
    }

    @Test
    void filling_in_a_name_and_clicking_create_fires_a_save_event_for_a_new_catalogue() {
        form.name.setValue("movies");

        form.save.click();

        assertEquals(1, saved.size());
        assertEquals("movies", saved.get(0).getName());
        assertTrue(saved.get(0).isNew());
        assertNull(saved.get(0).getCatalogue());
        assertSame(form, saved.get(0).getSource());
    }

    @Test
    void editing_a_catalogue_shows_its_name_and_saving_fires_a_rename_of_that_catalogue() {
        var books = new Catalogue("books");
        form.edit(books);
        assertEquals("books", form.name.getValue());
        assertEquals("Rename", form.save.getText());
        assertTrue(form.delete.isVisible());

        form.name.setValue("novels");
        form.save.click();

        assertEquals(1, saved.size());
        assertEquals("novels", saved.get(0).getName());
        assertFalse(saved.get(0).isNew());
        assertSame(books, saved.get(0).getCatalogue());
    }

    @Test
    void clicking_delete_fires_a_delete_event_with_the_catalogue_being_edited() {
        var books = new Catalogue("books");
        form.edit(books);

        form.delete.click();

        assertEquals(1, deleted.size());
        assertSame(books, deleted.get(0).getCatalogue());
        assertTrue(saved.isEmpty());
    }

    @Test
    void clicking_cancel_fires_a_close_event_and_nothing_else() {
        form.name.setValue("movies");

        form.close.click();

        assertEquals(1, closed.size());
        assertTrue(saved.isEmpty());
        assertTrue(deleted.isEmpty());
    }

    @Test
    void a_blank_name_is_refused_on_the_field_and_fires_no_event() {
        form.save.click();

        assertTrue(saved.isEmpty());
        assertTrue(form.name.isInvalid());
        assertEquals("Name is required", form.name.getErrorMessage());
    }

    @Test
    void a_name_the_core_would_refuse_is_refused_on_the_field_with_the_core_rule() {
        form.name.setValue("my movies");

        form.save.click();

        assertTrue(saved.isEmpty());
        assertTrue(form.name.isInvalid());
        assertEquals("Name " + Catalogue.nameProblem("my movies"), form.name.getErrorMessage());
    }

    @Test
    void an_error_from_the_core_is_shown_on_the_name_field() {
        form.name.setValue("movies");

        form.showError("name", "catalogue 'movies' already exists");

        assertTrue(form.name.isInvalid());
        assertEquals("Catalogue 'movies' already exists", form.name.getErrorMessage());
    }

    @Test
    void going_back_to_a_new_catalogue_clears_the_name_and_any_error() {
        form.edit(new Catalogue("books"));
        form.showError("name", "catalogue 'books' is not empty");

        form.edit(null);

        assertEquals("", form.name.getValue());
        assertFalse(form.name.isInvalid());
        assertFalse(form.delete.isVisible());
        assertEquals("New catalogue", form.heading.getText());
    }
}
