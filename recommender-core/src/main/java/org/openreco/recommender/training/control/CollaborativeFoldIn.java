package org.openreco.recommender.training.control;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.training.boundary.AlsParameters;

/**
 * Keeps collaborative scores fresh between trainings: users with new events are folded into the
 * catalogue's active model (the closed-form iALS user solve against its fixed item factors, as in
 * training) and their {@code user_factor} row is replaced. The user's row is the sum of the weights
 * per item over their whole history, positives only; items the model has no factors for (newer than
 * the model) are left out. YᵀY of a version's item factors is computed once and kept in memory for the
 * last {@link #CACHED_VERSIONS} versions: a version's item factors never change once trained.
 */
public final class CollaborativeFoldIn {

    /** Stored factor vectors have this many dimensions (V050); a model uses the first {@code factors}. */
    public static final int STORED_DIMENSIONS = 128;
    static final int CACHED_VERSIONS = 4;
    private static final Logger LOG = Logger.getLogger(CollaborativeFoldIn.class.getName());

    /** The active version's numbers that the solve needs. */
    record ActiveModel(long id, int factors, double alpha, double regularization) {
    }

    private static final Map<Long, double[]> GRAMS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, double[]> eldest) {
            return size() > CACHED_VERSIONS;
        }
    };

    private CollaborativeFoldIn() {
    }

    /**
     * Folds the users in as part of the caller's transaction, isolated by a savepoint: when it fails the
     * savepoint is rolled back and the failure logged, so whatever else the transaction did (the content
     * vectors, the queue marks) still commits. Returns the user factors written.
     */
    public static int foldSafely(Connection connection, long catalogueId, Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return 0;
        }
        try (var statement = connection.createStatement()) {
            statement.execute("savepoint collaborative_fold_in");
            try {
                int written = fold(connection, catalogueId, userIds);
                statement.execute("release savepoint collaborative_fold_in");
                return written;
            } catch (SQLException | RuntimeException e) {
                statement.execute("rollback to savepoint collaborative_fold_in");
                LOG.log(Level.WARNING, "collaborative fold-in of {0} users of catalogue {1} failed: {2}",
                        new Object[] {userIds.size(), catalogueId, e.toString()});
                return 0;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "collaborative fold-in could not set its savepoint: {0}", e.toString());
            return 0;
        }
    }

    /**
     * Folds in those of the users who have interactions newer than their row's {@code folded_through_id}
     * (or no row yet) and at least one positive item with factors. Nothing without an active model.
     */
    public static int fold(Connection connection, long catalogueId, Collection<Long> userIds) throws SQLException {
        ActiveModel model = active(connection, catalogueId);
        if (model == null || userIds.isEmpty()) {
            return 0;
        }
        Map<Long, UserRow> rows = rows(connection, model, userIds);
        if (rows.isEmpty()) {
            return 0;
        }
        double[] gram = gram(connection, model);
        int written = 0;
        try (var upsert = connection.prepareStatement("""
                insert into user_factor (model_version_id, user_id, factors, folded_through_id, updated_at)
                values (?, ?, cast(cast(? as real[]) as vector), ?, now())
                on conflict (model_version_id, user_id) do update set factors = excluded.factors,
                    folded_through_id = excluded.folded_through_id, updated_at = excluded.updated_at""")) {
            for (var entry : rows.entrySet()) {
                UserRow row = entry.getValue();
                float[] x = solve(model, gram, row);
                upsert.setLong(1, model.id());
                upsert.setLong(2, entry.getKey());
                upsert.setArray(3, connection.createArrayOf("float4", padded(x)));
                upsert.setLong(4, row.through);
                upsert.addBatch();
                written++;
            }
            upsert.executeBatch();
        }
        return written;
    }

    /** x = (YᵀY + Σ (c−1)·y yᵀ + λI)⁻¹ Σ c·y over the user's items ({@link AlsModel#foldIn}). */
    static float[] solve(ActiveModel model, double[] gram, UserRow row) {
        int k = model.factors();
        int n = row.weights.size();
        float[] factors = new float[n * k];
        float[] weights = new float[n];
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(row.factors.get(i), 0, factors, i * k, k);
            weights[i] = row.weights.get(i);
            indices[i] = i;
        }
        return new AlsModel(k, 0, n, new float[0], factors, gram, model.regularization(), model.alpha())
                .foldIn(indices, weights);
    }

    static ActiveModel active(Connection connection, long catalogueId) throws SQLException {
        try (var ps = connection.prepareStatement("""
                select id, coalesce(factors, cast(parameters->>'factors' as integer), ?),
                       cast(parameters->>'alpha' as float8), cast(parameters->>'regularization' as float8)
                  from model_version where catalogue_id = ? and status = 'active'""")) {
            ps.setInt(1, STORED_DIMENSIONS);
            ps.setLong(2, catalogueId);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                var defaults = AlsParameters.defaults();
                double alpha = rs.getDouble(3);
                alpha = rs.wasNull() ? defaults.alpha() : alpha;
                double regularization = rs.getDouble(4);
                regularization = rs.wasNull() ? defaults.regularization() : regularization;
                return new ActiveModel(rs.getLong(1), Math.min(rs.getInt(2), STORED_DIMENSIONS), alpha, regularization);
            }
        }
    }

    /** A user's positive items with factors: their summed weights, factors, and the newest interaction id. */
    static final class UserRow {
        final List<Float> weights = new ArrayList<>();
        final List<float[]> factors = new ArrayList<>();
        long through;
    }

    private static Map<Long, UserRow> rows(Connection connection, ActiveModel model, Collection<Long> userIds)
            throws SQLException {
        Map<Long, UserRow> rows = new HashMap<>();
        try (var ps = connection.prepareStatement("""
                with due as (
                    select x.user_id, max(x.id) as through
                      from interaction x
                      left join user_factor u on u.model_version_id = ? and u.user_id = x.user_id
                     where x.user_id = any(?)
                     group by x.user_id, u.folded_through_id
                    having max(x.id) > coalesce(u.folded_through_id, 0)),
                summed as (
                    select x.user_id, x.item_id, sum(x.weight) as weight
                      from interaction x join due on due.user_id = x.user_id
                     group by x.user_id, x.item_id
                    having sum(x.weight) > 0)
                select s.user_id, due.through, s.weight, vector_send(f.factors)
                  from summed s join due on due.user_id = s.user_id
                  join item_factor f on f.model_version_id = ? and f.item_id = s.item_id""")) {
            ps.setLong(1, model.id());
            ps.setArray(2, connection.createArrayOf("bigint", userIds.toArray()));
            ps.setLong(3, model.id());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    UserRow row = rows.computeIfAbsent(rs.getLong(1), u -> new UserRow());
                    row.through = rs.getLong(2);
                    row.weights.add((float) rs.getDouble(3));
                    row.factors.add(decode(rs.getBytes(4), model.factors()));
                }
            }
        }
        return rows;
    }

    /** YᵀY of the version's item factors (lower triangle, as the solver reads it), cached per version. */
    static double[] gram(Connection connection, ActiveModel model) throws SQLException {
        synchronized (GRAMS) {
            double[] cached = GRAMS.get(model.id());
            if (cached != null) {
                return cached;
            }
        }
        int k = model.factors();
        double[] gram = new double[k * k];
        try (var ps = connection.prepareStatement("select vector_send(factors) from item_factor where model_version_id = ?")) {
            ps.setLong(1, model.id());
            ps.setFetchSize(2_000);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    float[] y = decode(rs.getBytes(1), k);
                    for (int a = 0; a < k; a++) {
                        double ya = y[a];
                        int row = a * k;
                        for (int b = 0; b <= a; b++) {
                            gram[row + b] += ya * y[b];
                        }
                    }
                }
            }
        }
        synchronized (GRAMS) {
            GRAMS.put(model.id(), gram);
        }
        return gram;
    }

    /** The first k floats of pgvector's binary form (int16 dimensions, int16 unused, floats). */
    static float[] decode(byte[] bytes, int k) {
        var buffer = ByteBuffer.wrap(bytes);
        int dimensions = buffer.getShort();
        buffer.getShort();
        float[] v = new float[k];
        for (int i = 0; i < Math.min(k, dimensions); i++) {
            v[i] = buffer.getFloat();
        }
        return v;
    }

    /** Zero-padded to the stored dimensions: padding leaves every inner product unchanged. */
    static Float[] padded(float[] x) {
        Float[] v = new Float[STORED_DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < x.length ? x[i] : 0f;
        }
        return v;
    }
}
