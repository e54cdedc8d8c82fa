package org.openreco.recommender.training.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/** The training request's defaults and rules, without a database. */
class TrainingRequestTest {

    @Test
    void an_empty_request_gets_the_offline_tuning_defaults() {
        var defaults = new TrainingRequest(null, null, null, null, null, null, null, null).validated();
        assertEquals(new TrainingRequest(64, 3.0, 30.0, 15, 50, 0.2, 42L, List.of(10), TrainingRequest.DEFAULT_EASE_LAMBDA,
                5_000, 1.0, 0.3, 25.0, TrainingRequest.TUNABLE, "random"), defaults);
        assertEquals(defaults, TrainingRequest.defaults());
    }

    @Test
    void given_values_stay_and_the_cut_offs_are_sorted_without_repeats() {
        var request = new TrainingRequest(128, 0.0, 0.0, 1, 1, 0.5, 7L, List.of(20, 5, 20)).validated();
        assertEquals(List.of(5, 20), request.k());
        assertEquals(128, request.factors());
        assertEquals(7L, request.seed());
        assertEquals(List.of("rp3Beta", "rp3Alpha", "easeLambda"), request.tuned(), "what is given is kept, the rest tuned");
    }

    @Test
    void each_bad_value_names_its_field() {
        assertField("factors", new TrainingRequest(0, null, null, null, null, null, null, null));
        assertField("factors", new TrainingRequest(129, null, null, null, null, null, null, null));
        assertField("alpha", new TrainingRequest(null, -0.1, null, null, null, null, null, null));
        assertField("alpha", new TrainingRequest(null, Double.NaN, null, null, null, null, null, null));
        assertField("regularization", new TrainingRequest(null, null, Double.POSITIVE_INFINITY, null, null, null, null, null));
        assertField("epochs", new TrainingRequest(null, null, null, 0, null, null, null, null));
        assertField("epochs", new TrainingRequest(null, null, null, 201, null, null, null, null));
        assertField("neighbours", new TrainingRequest(null, null, null, null, 0, null, null, null));
        assertField("testRatio", new TrainingRequest(null, null, null, null, null, 0.0, null, null));
        assertField("testRatio", new TrainingRequest(null, null, null, null, null, 1.0, null, null));
        assertField("k", new TrainingRequest(null, null, null, null, null, null, null, List.of(0)));
        assertField("easeLambda", new TrainingRequest(null, null, null, null, null, null, null, null, 0.0, null, null, null));
        assertField("easeMaxItems", new TrainingRequest(null, null, null, null, null, null, null, null, null, -1, null, null));
        assertField("easeMaxItems", new TrainingRequest(null, null, null, null, null, null, null, null, null, 20_001, null, null));
        assertField("rp3Alpha", new TrainingRequest(null, null, null, null, null, null, null, null, null, null, -1.0, null));
        assertField("rp3Beta", new TrainingRequest(null, null, null, null, null, null, null, null, null, null, null, Double.NaN));
        assertField("k", new TrainingRequest(null, null, null, null, null, null, null, Arrays.asList(10, null)));
        assertField("tuningBudgetSeconds", TrainingRequest.defaults().withTuningBudget(-1));
        assertField("tuned", TrainingRequest.defaults().withTuned(List.of("factors", "gamma")));
        assertField("split", TrainingRequest.defaults().withSplit("temporal"));
        assertField("split", TrainingRequest.defaults().withSplit("leave-last:0"));
        assertField("split", TrainingRequest.defaults().withSplit("leave-last:101"));
        assertField("split", TrainingRequest.defaults().withSplit("leave-last:x"));
        assertField("tuningBudgetSeconds", TrainingRequest.defaults().withTuningBudget(3_601));
        assertField("tuningBudgetSeconds", TrainingRequest.defaults().withTuningBudget(Double.NaN));
        assertField("k", new TrainingRequest(null, null, null, null, null, null, null, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)));
    }

    @Test
    void a_split_is_random_by_default_and_leave_last_alone_means_the_last_one() {
        assertEquals("random", TrainingRequest.defaults().splitKind());
        var last = TrainingRequest.defaults().withSplit("leave-last").validated();
        assertEquals("leave-last:1", last.split());
        assertEquals("leave-last", last.splitKind());
        assertEquals(1, last.leaveLast());
        var lastThree = TrainingRequest.defaults().withSplit("leave-last:3").validated();
        assertEquals(3, lastThree.leaveLast());
        assertEquals("time-cut", TrainingRequest.defaults().withSplit("time-cut").validated().splitKind());
    }

    private static void assertField(String field, TrainingRequest request) {
        var problem = assertThrows(InvalidInputException.class, request::validated);
        assertEquals(field, problem.field(), problem.getMessage());
    }
}
