package org.openreco.recommender.admin.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;

/** The settings form without a browser: what it shows is what it saves, the training schedule included. */
class SettingsFormTest {

    @Test
    void saving_unchanged_settings_keeps_the_training_schedule() {
        var stored = new CatalogueSettings(Map.of("view", 1.0, "like", 4.0), 2.5, "all-minilm-l6-v2", 5, 14.0, 24);
        var form = new SettingsForm();
        form.show(stored);

        assertEquals(stored, form.settings());
    }

    @Test
    void settings_without_a_schedule_show_and_save_zero_hours() {
        var stored = new CatalogueSettings(Map.of("view", 1.0), 2.5, "all-minilm-l6-v2", 1, 30.0, null);
        var form = new SettingsForm();
        form.show(stored);

        assertEquals(0, form.trainingInterval.getValue());
        assertEquals(0, form.settings().trainingIntervalHours());
        form.trainingInterval.setValue(168);
        assertEquals(168, form.settings().trainingIntervalHours());
    }
}
