package org.openreco.recommender.admin.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.training.boundary.TrainingRequest;

/** The training form without a browser or a server: fill it, click Train, and look at what it fires or refuses. */
class TrainingFormTest {

    TrainingForm form;
    List<TrainingForm.TrainEvent> trained = new ArrayList<>();

    @BeforeEach
    void listenToTheForm() {
        form = new TrainingForm();
        form.addTrainListener(trained::add);
    }

    @Test
    void a_new_form_shows_the_defaults_and_trains_with_them() {
        assertEquals("10", form.k.getValue());

        form.train.click();

        assertEquals(List.of(TrainingRequest.defaults()), trained.stream().map(e -> e.getRequest().validated()).toList());
        assertEquals(TrainingRequest.TUNABLE, trained.getFirst().getRequest().validated().tuned(), "defaults are tuned");
    }

    @Test
    void the_parameters_typed_in_are_the_ones_sent_with_the_k_list_sorted_and_deduplicated() {
        form.factors.setValue(8);
        form.alpha.setValue(2.5);
        form.regularization.setValue(0.1);
        form.epochs.setValue(5);
        form.neighbours.setValue(20);
        form.testRatio.setValue(0.25);
        form.seed.setValue(7);
        form.k.setValue("20, 5 10,5");
        form.tuningBudget.setValue(0.0);

        form.train.click();

        assertEquals(1, trained.size());
        assertEquals(new TrainingRequest(8, 2.5, 0.1, 5, 20, 0.25, 7L, List.of(5, 10, 20)).withTuningBudget(0).validated(),
                trained.getFirst().getRequest().validated());
    }

    @Test
    void a_leave_last_split_is_sent_with_its_n_and_the_others_by_name() {
        assertEquals("random", form.split.getValue());
        assertFalse(form.leaveLast.isEnabled(), "N only for leave-last");
        form.split.setValue("leave-last");
        form.leaveLast.setValue(3);
        form.train.click();
        form.split.setValue("time-cut");
        form.train.click();

        assertEquals(List.of("leave-last:3", "time-cut"), trained.stream().map(e -> e.getRequest().validated().split()).toList());
    }

    @Test
    void a_negative_tuning_budget_is_refused_on_its_field() {
        form.tuningBudget.setValue(-1.0);

        form.train.click();

        assertTrue(trained.isEmpty());
        assertTrue(form.tuningBudget.isInvalid());
    }

    @Test
    void a_value_out_of_range_marks_its_field_and_trains_nothing() {
        form.factors.setValue(129);

        form.train.click();

        assertTrue(trained.isEmpty());
        assertTrue(form.factors.isInvalid());
        assertTrue(form.factors.getErrorMessage().contains("between 1 and 128"), form.factors.getErrorMessage());
        assertFalse(form.epochs.isInvalid());
    }

    @Test
    void a_test_ratio_of_one_and_a_k_that_is_no_number_are_refused_on_their_own_fields() {
        form.testRatio.setValue(1.0);
        form.train.click();
        assertTrue(form.testRatio.isInvalid());

        form.testRatio.setValue(0.2);
        form.k.setValue("10, ten");
        form.train.click();
        assertFalse(form.testRatio.isInvalid(), "a new click clears the old marks");
        assertTrue(form.k.isInvalid());
        assertTrue(form.k.getErrorMessage().contains("'ten'"), form.k.getErrorMessage());
        assertTrue(trained.isEmpty());
    }

    @Test
    void an_error_the_core_reports_later_lands_on_the_field_it_names() {
        form.showError("neighbours", "must be between 1 and 500");
        assertTrue(form.neighbours.isInvalid());
        assertEquals("must be between 1 and 500", form.neighbours.getErrorMessage());
    }
}
