package org.openreco.recommender.ranking;

/**
 * The sources' rankings a request found instead of scanning (null: scan, when the model holds what the
 * source scores with).
 *
 * @param content       the content source's (computed ahead, or a vector index's over the memory budget)
 * @param collaborative the collaborative source's (computed ahead)
 */
public record Ahead(SourceRanking content, SourceRanking collaborative) {
}
