package org.openreco.recommender.evaluation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.training.boundary.TrainingRequest;

/** The parameter search on a small planted catalogue, without a database. */
class ParameterSearchTest {

    /** 60 users in three taste groups of 20 items each; every user likes 10 items of their group. */
    private static Split validation() {
        InteractionLog log = new InteractionLog();
        SplittableRandom random = new SplittableRandom(5);
        for (int u = 0; u < 60; u++) {
            int group = u % 3, user = u;
            random.ints(0, 20).distinct().limit(10).forEach(item ->
                    log.add("u" + group + "-" + user, "i" + (group * 20 + item), 1, 0));
        }
        return Splitter.randomHoldout(log, 0.2, 43);
    }

    @Test
    void a_budget_of_nothing_keeps_the_start_and_names_every_value_it_skipped() {
        TrainingRequest start = TrainingRequest.defaults().withTuningBudget(0);
        var outcome = new ParameterSearch(10, 1).search(start, validation());
        assertEquals(start, outcome.chosen());
        assertEquals(List.of(), outcome.trials());
        assertEquals(ParameterSearch.parameterNames(), List.copyOf(outcome.untried().keySet()));
        assertEquals(List.of(32.0, 128.0), outcome.untried().get("factors"));
        assertEquals(List.of(10.0, 25.0), outcome.untried().get("epochs"));
        assertEquals(List.of(20.0, 100.0, 200.0), outcome.untried().get("neighbours"));
    }

    @Test
    void a_budget_for_one_trial_tries_only_the_cheapest_algorithms_start() {
        AtomicLong clock = new AtomicLong(); // one second passes at every reading
        var search = new ParameterSearch(10, 1, () -> clock.getAndAdd(1_000_000_000L));
        TrainingRequest start = TrainingRequest.defaults().withTuningBudget(2.5);
        var outcome = search.search(start, validation());
        assertEquals(start, outcome.chosen());
        assertEquals(1, outcome.trials().size(), outcome.trials().toString());
        assertEquals("item-to-item", outcome.trials().getFirst().algorithm());
        assertEquals(Map.of("neighbours", 50.0), outcome.trials().getFirst().setting());
        assertEquals(1000, outcome.trials().getFirst().millis());
        assertEquals(List.of(20.0, 100.0, 200.0), outcome.untried().get("neighbours"));
        assertEquals(List.of(32.0, 128.0), outcome.untried().get("factors"));
        var json = outcome.json();
        assertEquals(2.5, json.getJsonNumber("budgetSeconds").doubleValue());
        assertEquals(64, json.getJsonObject("chosen").getInt("factors"));
        assertEquals(1, json.getJsonArray("trials").size());
        assertEquals(2, json.getJsonObject("untried").getJsonArray("factors").size());
    }

    @Test
    void with_time_to_spare_every_grid_value_is_tried_once() {
        TrainingRequest start = TrainingRequest.defaults().withTuningBudget(600);
        var outcome = new ParameterSearch(10, 1).search(start, validation());
        assertEquals(Map.of(), outcome.untried());
        // per algorithm its start, then every other value of each grid: kNN 1 + 3, RP3beta 1 + 4 + 3,
        // EASE 1 + 4, iALS 1 + 2 + 3 + 2 + 2
        assertEquals(27, outcome.trials().size(), outcome.trials().toString());
        assertTrue(outcome.trials().stream().allMatch(t -> t.ndcg() >= 0 && t.ndcg() <= 1), outcome.trials().toString());
        for (String name : ParameterSearch.parameterNames()) {
            double chosen = ParameterSearch.value(outcome.chosen(), name);
            assertTrue(outcome.trials().stream().anyMatch(t -> t.setting().containsKey(name) && t.setting().get(name) == chosen),
                    name + " " + chosen + " was tried: " + outcome.trials());
        }
    }

    @Test
    void the_parameters_a_request_gives_are_kept_and_never_tried() {
        TrainingRequest start = new TrainingRequest(16, null, null, 5, null, null, null, null).validated().withTuningBudget(0);
        assertEquals(List.of("neighbours", "rp3Beta", "rp3Alpha", "easeLambda", "alpha", "regularization"), start.tuned());
        var outcome = new ParameterSearch(10, 1).search(start, validation());
        assertEquals(start.tuned(), List.copyOf(outcome.untried().keySet()));
        assertEquals(16, outcome.chosen().factors());
    }

    @Test
    void the_search_knows_every_parameter_a_request_can_tune() {
        assertEquals(TrainingRequest.TUNABLE, ParameterSearch.parameterNames());
    }

    @Test
    void a_costly_parameter_takes_the_cheapest_value_within_one_percent_of_the_best() {
        Map<Double, Double> ndcgs = new LinkedHashMap<>();
        ndcgs.put(64.0, 0.300);
        ndcgs.put(32.0, 0.2975);
        ndcgs.put(128.0, 0.3001);
        assertEquals(32.0, ParameterSearch.choose(ndcgs, 64, true));
        ndcgs.put(32.0, 0.29);
        assertEquals(64.0, ParameterSearch.choose(ndcgs, 64, true));
    }

    @Test
    void another_parameter_moves_only_for_a_strictly_better_value() {
        Map<Double, Double> ndcgs = new LinkedHashMap<>();
        ndcgs.put(3.0, 0.25);
        ndcgs.put(1.0, 0.25);
        ndcgs.put(10.0, 0.20);
        assertEquals(3.0, ParameterSearch.choose(ndcgs, 3, false));
        ndcgs.put(10.0, 0.2501);
        assertEquals(10.0, ParameterSearch.choose(ndcgs, 3, false));
    }
}
