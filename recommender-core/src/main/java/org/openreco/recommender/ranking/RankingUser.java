package org.openreco.recommender.ranking;

/**
 * The user as the sources see them. Any part may be absent: a user the model has not folded in yet has
 * no factors, one whose taste is not embedded yet no taste.
 *
 * @param factors their collaborative factors, or null
 * @param taste   their content taste vector (any length; only its direction counts), or null
 * @param recent  their most recent positive items, newest first, at most {@link RankingPipeline#HISTORY}:
 *                the anchors of item-to-item and of the explanations
 * @param seen    every item they interacted with (never recommended; an item may appear more than once)
 */
public record RankingUser(float[] factors, float[] taste, int[] recent, int[] seen) {

    /** Someone the catalogue knows nothing about. */
    public static final RankingUser UNKNOWN = new RankingUser(null, null, new int[0], new int[0]);
}
