package org.openreco.recommender.ranking;

import java.util.function.IntPredicate;

/**
 * One source's ranking of items for one user, best first, found outside the request's own scan: computed
 * ahead, when the user's taste or factors changed (see {@link RankingPipeline#contentRanking},
 * {@link RankingPipeline#collaborativeRanking}), or by a vector index for a catalogue whose vectors are not
 * in memory. The pipeline takes the eligible ones in this order, so a list that is a prefix of the full
 * ranking gives the same candidates as scanning every item.
 *
 * @param items    item indices, best first
 * @param scores   their scores (cosine to the taste, inner product with the factors)
 * @param anchors  the user's item nearest to each (−1: none)
 * @param complete whether the list holds every item the ranking could propose (nothing was cut off)
 */
public record SourceRanking(int[] items, float[] scores, int[] anchors, boolean complete) {

    public static final SourceRanking NONE = new SourceRanking(new int[0], new float[0], new int[0], true);

    public SourceRanking(int[] items, float[] scores, int[] anchors) {
        this(items, scores, anchors, false);
    }

    /**
     * Whether the list yields as many eligible items as a full ranking would: {@code wanted} of them, or
     * every one it could ever propose.
     */
    public boolean suffices(IntPredicate eligible, int wanted) {
        if (complete) {
            return true;
        }
        int found = 0;
        for (int r = 0; r < items.length && found < wanted; r++) {
            if (eligible.test(items[r])) {
                found++;
            }
        }
        return found >= wanted;
    }
}
