package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void the_best_come_first_and_equal_scores_rank_by_lower_item_index() {
        float[] scores = {0.5f, 0.9f, 0.5f, 0.1f, 0.9f, 0.5f};
        assertArrayEquals(new int[] {1, 4, 0, 2}, TopK.select(scores, 4));
        assertArrayEquals(new int[] {1, 4, 0, 2, 5, 3}, TopK.select(scores, 10));
        assertArrayEquals(new int[] {}, TopK.select(scores, 0));
    }

    @Test
    void nan_scores_and_the_users_own_items_are_never_selected() {
        float[] scores = {Float.NaN, 3, 2, 1};
        // user 0 has item 1
        InteractionMatrix seen = InteractionMatrix.of(1, 4, new int[] {0}, new int[] {1}, new float[] {1}, 1);
        assertArrayEquals(new int[] {2, 3}, TopK.select(scores, 3, seen, 0));
    }

    @Test
    void a_filter_is_asked_only_of_items_that_would_enter_and_selects_as_if_the_others_had_no_score() {
        float[] scores = {0.5f, 0.9f, 0.5f, 0.1f, 0.9f, 0.5f, Float.NaN};
        var asked = new java.util.ArrayList<Integer>();
        int[] top = TopK.select(scores, 2, i -> {
            asked.add(i);
            return i != 4;
        });
        assertArrayEquals(new int[] {1, 0}, top, "4 is filtered out: 1, then the lower-index 0.5");
        // 0 and 1 fill the heap; 2 (0.5, higher index than 0) and 3 (0.1) cannot enter, 4 can but is filtered, 5 cannot
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(0, 1, 4), asked);
    }

    @Test
    void among_candidates_in_any_order_the_selection_is_the_full_arrays() {
        float[] scores = {0.5f, 0.9f, 0.5f, Float.NaN, 0.9f, 0.5f};
        int[] candidates = {5, 4, 3, 2, 0, 1};
        assertArrayEquals(new int[] {1, 4, 0}, TopK.select(scores, 3, candidates, 6));
        assertArrayEquals(new int[] {4, 5}, TopK.select(scores, 2, candidates, 3), "only 5, 4 and the NaN 3 are asked");
    }
}
