/**
 * Text embeddings: the language model behind {@link org.openreco.recommender.embedding.boundary.TextEncoder},
 * item and user vectors per model and generation (V030), and the quasi-real-time batches that drain
 * the re-embedding queue.
 */
package org.openreco.recommender.embedding;
