/**
 * What a storefront shows: recommendations for a user (content ANN over the user's taste vector, or
 * trending items while the user has none), similar items, semantic search and "more like these, not
 * like those". Serving reads the catalogue's active embedding generation (V030) with plain JDBC and
 * pgvector's HNSW iterative scans, and logs every answer's impressions under its request id.
 */
package org.openreco.recommender.recommendations;
