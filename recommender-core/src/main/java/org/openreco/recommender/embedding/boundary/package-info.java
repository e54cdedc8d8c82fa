/**
 * The embedding component's entry points: {@link org.openreco.recommender.embedding.boundary.Embeddings}
 * (status, full re-embedding, cancel, parked marks) for the admin API and the console, the scheduler that
 * drains the re-embedding queue every second, the {@link org.openreco.recommender.embedding.boundary.TextEncoder}
 * seam and the models it runs.
 */
package org.openreco.recommender.embedding.boundary;
