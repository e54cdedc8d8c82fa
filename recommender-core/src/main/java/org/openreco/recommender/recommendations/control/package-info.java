/**
 * How answers are made: the serving generation (with the active collaborative model and its blend),
 * the candidate sources (nearest items by vector, trending, latest; for a user's recommendations the
 * hybrid's collaborative, content, item-to-item and trending sources), the hybrid scorer and the MMR
 * re-ranker, the filters they share, and the impression log. The pgvector SQL of serving is in
 * {@link org.openreco.recommender.recommendations.control.NearestItems} and, for the hybrid's sources,
 * {@link org.openreco.recommender.recommendations.control.HybridCandidates}.
 */
package org.openreco.recommender.recommendations.control;
