package org.openreco.recommender.admin.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.training.boundary.ModelVersion;

/** The tuning panel without a browser: what it writes for a version's stored tuning. */
class TuningPanelTest {

    private static ModelVersion version(long id, String tuning) {
        JsonObject parameters = tuning == null ? Json.createObjectBuilder().add("factors", 64).build()
                : Json.createObjectBuilder().add("tuning", Json.createReader(new StringReader(tuning)).readObject()).build();
        return new ModelVersion(id, "movies", "hybrid", "active", "api", null, null, null, null, null, null, null, 64,
                null, parameters, null, null, null);
    }

    @Test
    void a_tuned_version_shows_its_chosen_values_its_trials_and_what_the_budget_left_out() {
        var panel = new TuningPanel();
        panel.show(version(7, """
                {"budgetSeconds":25,"seconds":24.5,"metric":"ndcg@10","chosen":{"neighbours":20,"rp3Beta":0.15,"factors":64},
                 "trials":[{"algorithm":"item-to-item","setting":{"neighbours":50},"ndcg":0.1357,"millis":410},
                           {"algorithm":"item-to-item","setting":{"neighbours":20},"ndcg":0.1402,"millis":380}],
                 "untried":{"factors":[32,128],"epochs":[25]}}"""));

        assertEquals("Version 7: parameters searched on a validation split for 24.5 s of a 25 s budget (NDCG@10); "
                + "chosen: neighbours 20, rp3Beta 0.15, factors 64.", panel.summary.getText());
        assertEquals("Not tried within the budget: factors 32, 128; epochs 25.", panel.untried.getText());
        assertTrue(panel.trials.isVisible());
        assertEquals(List.of(new TuningPanel.TrialRow("item-to-item", "neighbours 50", 0.1357, 410),
                new TuningPanel.TrialRow("item-to-item", "neighbours 20", 0.1402, 380)),
                panel.trials.getGenericDataView().getItems().toList());
    }

    @Test
    void tuning_off_says_so_and_lists_nothing_as_tried() {
        var panel = new TuningPanel();
        panel.show(version(8, """
                {"budgetSeconds":0,"seconds":0.0,"metric":"ndcg@10","chosen":{"factors":16},"trials":[],
                 "untried":{"factors":[32,64,128]}}"""));

        assertEquals("Version 8: tuning off; trained with factors 16.", panel.summary.getText());
        assertEquals("Not tried (tuning off): factors 32, 64, 128.", panel.untried.getText());
        assertFalse(panel.trials.isVisible());
    }

    @Test
    void without_a_tuned_version_the_panel_says_there_is_none() {
        var panel = new TuningPanel();
        panel.show(version(9, null));
        assertEquals("No tuned version yet.", panel.summary.getText());
        assertFalse(panel.trials.isVisible());
    }
}
