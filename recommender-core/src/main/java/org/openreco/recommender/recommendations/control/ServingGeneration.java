package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.platform.boundary.NotFoundException;

/**
 * The catalogue a request names and its active embedding generation (V030), whose model decides the
 * item_vector_/user_vector_ tables to search; no generation while nothing has been embedded yet.
 */
public record ServingGeneration(long catalogueId, Long generationId, EmbeddingModel model) {

    /**
     * HNSW candidate list per query. With iterative scans (pgvector 0.8) this is only the first round:
     * when filters reject candidates the scan goes on (up to hnsw.max_scan_tuples), so filtered queries
     * still fill n rows; {@code relaxed_order} lets it do so without a second exact pass, the caller
     * re-sorts the few rows it keeps. 100 measured recall@10 ≥ 0.98 at 20× the exact scan's speed on
     * 100,000 clustered 384-d vectors (BENCHMARKS.md).
     */
    public static int efSearch(int n) {
        return Math.max(100, 2 * n);
    }

    /**
     * Resolves the catalogue and, in the same round trip, sets this transaction's search parameters
     * ({@code set_config(…, true)} is {@code set local}: they end with the transaction, so a pooled
     * connection carries nothing over).
     */
    public static ServingGeneration resolve(Connection connection, String catalogue, int efSearch) throws SQLException {
        try (var ps = connection.prepareStatement("""
                select set_config('hnsw.ef_search', ?, true), set_config('hnsw.iterative_scan', 'relaxed_order', true),
                       c.id, g.id, g.model
                  from catalogue c left join embedding_generation g on g.catalogue_id = c.id and g.status = 'active'
                 where c.name = ?""")) {
            ps.setString(1, Integer.toString(efSearch));
            ps.setString(2, catalogue);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("catalogue '" + catalogue + "' does not exist");
                }
                long catalogueId = rs.getLong(3);
                long generation = rs.getLong(4);
                // a generation of a model this build does not know cannot be searched: serve as if none
                Optional<EmbeddingModel> model = rs.wasNull() ? Optional.empty() : EmbeddingModel.named(rs.getString(5));
                return model.isPresent() ? new ServingGeneration(catalogueId, generation, model.get())
                        : new ServingGeneration(catalogueId, null, null);
            }
        }
    }

    public boolean hasVectors() {
        return generationId != null;
    }
}
