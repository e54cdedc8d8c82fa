package org.openreco.recommender.ranking;

/**
 * The content source's candidates when the catalogue's vectors are not in memory (over the memory
 * budget): found outside the pipeline, e.g. by a vector index, already restricted to eligible items.
 *
 * @param items   item indices, best first
 * @param scores  their cosine to the user's taste
 * @param anchors the user's item nearest to each (−1: none)
 */
public record ContentCandidates(int[] items, float[] scores, int[] anchors) {

    public static final ContentCandidates NONE = new ContentCandidates(new int[0], new float[0], new int[0]);
}
