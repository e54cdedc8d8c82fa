package org.openreco.recommender.evaluation.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openreco.recommender.training.control.InteractionMatrix;

class ColdItemsTest {

    @Test
    void only_cold_items_stay_relevant_and_scored() {
        InteractionMatrix test = InteractionMatrix.of(2, 4, new int[] {0, 0, 1}, new int[] {1, 3, 2},
                new float[] {1, 1, 1}, 3);
        boolean[] cold = {false, false, true, true};

        InteractionMatrix coldTest = ColdItems.testRows(test, cold);
        assertEquals(2, coldTest.nonZeros());
        assertArrayEquals(new int[] {3}, coldTest.rowColumns(0));
        assertArrayEquals(new int[] {2}, coldTest.rowColumns(1));

        float[] scores = new float[4];
        ColdItems.only(org.openreco.recommender.training.control.BlendTestScorers.fixed(4, 3, 2, 1), cold).score(0, scores);
        assertArrayEquals(new float[] {Float.NaN, Float.NaN, 2, 1}, scores);
    }

    @Test
    void ranked_among_cold_items_only_a_cold_item_in_second_place_has_ndcg_of_rank_two() {
        InteractionMatrix train = InteractionMatrix.of(1, 4, new int[] {0}, new int[] {0}, new float[] {1}, 1);
        InteractionMatrix coldTest = InteractionMatrix.of(1, 4, new int[] {0}, new int[] {3}, new float[] {1}, 1);
        boolean[] cold = {false, false, true, true};
        // item 1 (warm) scores highest but is out of the cold ranking: item 2 first, item 3 second
        var m = new Evaluator(new int[] {1, 2}, null, 1).evaluate("x",
                ColdItems.only(org.openreco.recommender.training.control.BlendTestScorers.fixed(0, 9, 2, 1), cold),
                train, coldTest);
        assertEquals(0.0, m.at(1).recall(), 1e-9);
        assertEquals(1.0, m.at(2).recall(), 1e-9);
        assertEquals(1 / (Math.log(3) / Math.log(2)), m.at(2).ndcg(), 1e-9);
    }
}
