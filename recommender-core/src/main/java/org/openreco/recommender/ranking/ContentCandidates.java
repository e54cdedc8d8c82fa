package org.openreco.recommender.ranking;

import java.util.function.IntPredicate;

/**
 * The content source's ranking of items for one user, best first: found ahead of the request (computed
 * when the user's taste changed, see {@link RankingPipeline#contentRanking}) or outside the pipeline
 * (a vector index, for a catalogue whose vectors are not in memory). The pipeline takes the eligible
 * ones in this order, so a list that is a prefix of the full ranking gives the same candidates as
 * scanning every item.
 *
 * @param items    item indices, best first
 * @param scores   their cosine to the user's taste
 * @param anchors  the user's item nearest to each (−1: none)
 * @param complete whether the list holds every item the ranking could propose (nothing was cut off)
 */
public record ContentCandidates(int[] items, float[] scores, int[] anchors, boolean complete) {

    public static final ContentCandidates NONE = new ContentCandidates(new int[0], new float[0], new int[0], true);

    public ContentCandidates(int[] items, float[] scores, int[] anchors) {
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
