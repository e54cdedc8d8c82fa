/**
 * How answers are made: the serving generation, the candidate sources (nearest items by vector,
 * trending, latest), the filters they share, and the impression log. All pgvector SQL of serving is
 * in {@link org.openreco.recommender.recommendations.control.NearestItems}.
 */
package org.openreco.recommender.recommendations.control;
