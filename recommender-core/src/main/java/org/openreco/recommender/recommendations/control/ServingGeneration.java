package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.platform.boundary.NotFoundException;
import org.openreco.recommender.ranking.BlendWeights;

/**
 * The catalogue a request names, its active embedding generation (V030), whose model decides the
 * item_vector_/user_vector_ tables to search, its active collaborative model version (V050) with the
 * blend weights, and the user the request is for; no generation while nothing has been embedded yet, no
 * model version (null) before the first training, no user (null) when none was asked for or the
 * catalogue does not know them.
 */
public record ServingGeneration(long catalogueId, Long generationId, EmbeddingModel model, Long modelVersionId,
        BlendWeights blend, ServingGeneration.User user) {

    /** The user a request is for: which of their query vectors exist. */
    public record User(long id, boolean hasTaste, boolean hasFactors) {
    }

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
     * connection carries nothing over) and reads the active model version's blend weights.
     */
    public static ServingGeneration resolve(Connection connection, String catalogue, int efSearch) throws SQLException {
        return resolve(connection, catalogue, efSearch, null);
    }

    /**
     * As {@link #resolve(Connection, String, int)}, and the user with the given external id in the same
     * round trip: their internal id and whether they have a taste vector in the generation and factors in
     * the model version.
     */
    public static ServingGeneration resolve(Connection connection, String catalogue, int efSearch, String externalUser)
            throws SQLException {
        try (var ps = connection.prepareStatement("""
                select set_config('hnsw.ef_search', ?, true), set_config('hnsw.iterative_scan', 'relaxed_order', true),
                       c.id, g.id, g.model, m.id,
                       %s, %s, %s, %s,
                       u.id, u.taste, u.factors
                  from catalogue c
                  left join embedding_generation g on g.catalogue_id = c.id and g.status = 'active'
                  left join model_version m on m.catalogue_id = c.id and m.status = 'active'
                  left join lateral (
                      select u.id, %s as taste,
                             exists (select 1 from user_factor f where f.model_version_id = m.id and f.user_id = u.id) as factors
                        from app_user u where u.catalogue_id = c.id and u.external_id = ?) u on true
                 where c.name = ?""".formatted(weight("collaborative"), weight("item-to-item"), weight("content"),
                        weight("trending"), hasTaste()))) {
            ps.setString(1, Integer.toString(efSearch));
            ps.setString(2, externalUser);
            ps.setString(3, catalogue);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("catalogue '" + catalogue + "' does not exist");
                }
                long catalogueId = rs.getLong(3);
                long generation = rs.getLong(4);
                // a generation of a model this build does not know cannot be searched: serve as if none
                Optional<EmbeddingModel> model = rs.wasNull() ? Optional.empty() : EmbeddingModel.named(rs.getString(5));
                Long version = rs.getObject(6) == null ? null : rs.getLong(6);
                BlendWeights blend = version == null ? BlendWeights.CONTENT_ONLY
                        : BlendWeights.of(number(rs, 7), number(rs, 8), number(rs, 9), number(rs, 10));
                var user = rs.getObject(11) == null ? null
                        : new User(rs.getLong(11), model.isPresent() && rs.getBoolean(12), rs.getBoolean(13));
                return model.isPresent() ? new ServingGeneration(catalogueId, generation, model.get(), version, blend, user)
                        : new ServingGeneration(catalogueId, null, null, version, blend, user);
            }
        }
    }

    public boolean hasVectors() {
        return generationId != null;
    }

    public boolean hasCollaborativeModel() {
        return modelVersionId != null;
    }

    /** Whether user u has a vector in generation g, whichever model's table that is (only the matching branch runs). */
    private static String hasTaste() {
        var cases = new StringBuilder("case g.model");
        for (EmbeddingModel model : EmbeddingModel.values()) {
            cases.append(" when '").append(model.modelName()).append("' then exists (select 1 from ").append(model.userTable())
                    .append(" v where v.generation_id = g.id and v.user_id = u.id)");
        }
        return cases.append(" else false end").toString();
    }

    /** A blend weight as float8, null unless the stored value is a JSON number. */
    private static String weight(String source) {
        return "case when jsonb_typeof(m.parameters #> '{blend,%1$s}') = 'number' then cast(m.parameters #>> '{blend,%1$s}' as float8) end"
                .formatted(source);
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
