package org.openreco.recommender.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.training.control.ModelStore;

import com.pgvector.PGvector;

/**
 * k-nearest-neighbour reads through pgvector's HNSW indexes on the real tables, the way the ranking
 * code issues them: per generation (text vectors) or catalogue (factors), ordered by distance, with a
 * limit. Each test works
 * in a catalogue of its own among whatever else the shared database holds, and deletes it after.
 *
 * <p>With only a few hundred rows the planner rightly prefers an exact sort, so the tests switch the
 * alternatives off for their transaction to prove the index serves the query; with
 * {@code hnsw.iterative_scan = strict_order} (pgvector 0.8) the index keeps scanning until the
 * catalogue filter has let {@code k} rows through, in exact distance order. The widest candidate list
 * (ef_search 1000) keeps that exact in a test database that many runs have filled and emptied: at 100,
 * a reused database once gave one far item in place of a near one.
 */
class NearestNeighboursIT {

    private static final int TEXT_DIMENSIONS = 384;
    private static final int FACTOR_DIMENSIONS = 64;
    private static final int STORED_FACTOR_DIMENSIONS = 128;
    private static final int NEIGHBOURS = 10;
    private static final int DISTRACTORS = 200;

    @BeforeAll
    static void migrate() {
        TestDatabase.migrate();
    }

    @Test
    void itemsNearestToATextVectorComeBackInCosineOrderThroughTheHnswIndex() throws SQLException {
        var random = new Random(384);
        float[] query = normalized(gaussian(random, TEXT_DIMENSIONS));
        // neighbour i sits at a growing angle from the query; distractors point anywhere
        Map<String, float[]> vectors = new LinkedHashMap<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < NEIGHBOURS; i++) {
            expected.add("near-" + i);
            vectors.put("near-" + i, normalized(mix(query, gaussian(random, TEXT_DIMENSIONS), 0.05f + 0.04f * i)));
        }
        for (int i = 0; i < DISTRACTORS; i++) {
            vectors.put("far-" + i, normalized(gaussian(random, TEXT_DIMENSIONS)));
        }

        try (Connection c = TestDatabase.connect(); var catalogue = Fixture.catalogue(c)) {
            PGvector.registerTypes(c);
            long generation = generation(c, catalogue.id());
            insertShuffled(c, catalogue.id(), vectors, random, """
                    with added as (insert into item (catalogue_id, external_id, title) values (?, ?, 'An item') returning id)
                    insert into item_vector_minilm (generation_id, item_id, content_hash, embedding)
                    select %d, id, 'hash', ? from added""".formatted(generation));
            String nearest = """
                    select i.external_id, v.embedding <=> ? as distance
                      from item_vector_minilm v join item i on i.id = v.item_id
                     where v.generation_id = ?
                     order by v.embedding <=> ?
                     limit ?""";

            c.setAutoCommit(false);
            useIndexesOnly(c);
            assertPlanUses(c, nearest, "item_vector_minilm_hnsw", query, generation);
            List<String> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(nearest)) {
                bind(ps, query, generation);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                        float[] stored = vectors.get(rs.getString(1));
                        assertEquals(cosineDistance(query, stored), rs.getDouble(2), 1e-5, rs.getString(1));
                    }
                }
            }
            c.commit();

            assertEquals(expected, found);
        }
    }

    @Test
    void itemsWithTheLargestInnerProductWithUserFactorsComeFirstThroughTheHnswIndex() throws SQLException {
        var random = new Random(64);
        float[] userFactors = gaussian(random, FACTOR_DIMENSIONS);
        // collaborative scores are inner products: neighbour i is the user's direction, ever shorter
        Map<String, float[]> factors = new LinkedHashMap<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < NEIGHBOURS; i++) {
            expected.add("liked-" + i);
            float[] f = mix(userFactors, gaussian(random, FACTOR_DIMENSIONS), 0.02f);
            factors.put("liked-" + i, scaled(f, 1.0f - 0.07f * i));
        }
        for (int i = 0; i < DISTRACTORS; i++) {
            factors.put("other-" + i, scaled(gaussian(random, FACTOR_DIMENSIONS), 0.1f));
        }

        try (Connection c = TestDatabase.connect(); var catalogue = Fixture.catalogue(c)) {
            PGvector.registerTypes(c);
            long version = modelVersion(c, catalogue.id());
            // stored zero-padded to the column's 128 dimensions: inner products do not change
            Map<String, float[]> padded = new LinkedHashMap<>();
            factors.forEach((id, f) -> padded.put(id, Arrays.copyOf(f, STORED_FACTOR_DIMENSIONS)));
            insertShuffled(c, catalogue.id(), padded, random, """
                    with added as (insert into item (catalogue_id, external_id, title) values (?, ?, 'An item') returning id)
                    insert into item_factor (model_version_id, item_id, factors)
                    select %d, id, ? from added""".formatted(version));
            // the version's own partial index, as training builds it (V053); serving names the version as a
            // literal, which is what lets the planner match the partial index
            ModelStore.indexItemFactors(c, version);
            // <#> is the negative inner product, so ascending order is the best score first
            String best = """
                    select i.external_id, -(f.factors <#> ?) as score
                      from item_factor f join item i on i.id = f.item_id
                     where f.model_version_id = %d and f.model_version_id = ?
                     order by f.factors <#> ?
                     limit ?""".formatted(version);
            float[] query = Arrays.copyOf(userFactors, STORED_FACTOR_DIMENSIONS);

            c.setAutoCommit(false);
            useIndexesOnly(c);
            assertPlanUses(c, best, ModelStore.indexName(version), query, version);
            List<String> found = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(best)) {
                bind(ps, query, version);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                        scores.add(rs.getDouble(2));
                        assertEquals(dot(userFactors, factors.get(rs.getString(1))), rs.getDouble(2), 1e-3);
                    }
                }
            }
            c.commit();

            assertEquals(expected, found);
            var descending = new ArrayList<>(scores);
            descending.sort(Collections.reverseOrder());
            assertEquals(descending, scores);
        }
    }

    /** A building generation of the MiniLM model for the catalogue; the vectors are its rows. */
    private static long generation(Connection c, long catalogueId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into embedding_generation (catalogue_id, model) values (?, 'all-minilm-l6-v2') returning id")) {
            ps.setLong(1, catalogueId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Takes the exact alternatives away for this transaction and lets HNSW fill k rows past the filter. */
    private static void useIndexesOnly(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("set local enable_seqscan = off");
            st.execute("set local enable_bitmapscan = off");
            st.execute("set local enable_sort = off");
            st.execute("set local hnsw.ef_search = 1000"); // the widest: the shared index holds every earlier run's rows
            st.execute("set local hnsw.iterative_scan = strict_order");
        }
    }

    private static void assertPlanUses(Connection c, String query, String index, float[] vector, long filterId)
            throws SQLException {
        var plan = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("explain (costs off) " + query)) {
            bind(ps, vector, filterId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    // the plan repeats the whole query vector; keep it readable
                    plan.append(line.replaceAll("'\\[[^]]*]'", "'[…]'")).append('\n');
                }
            }
        }
        assertTrue(plan.toString().contains("Index Scan using " + index), plan::toString);
    }

    private static void bind(PreparedStatement ps, float[] vector, long filterId) throws SQLException {
        ps.setObject(1, new PGvector(vector));
        ps.setLong(2, filterId);
        ps.setObject(3, new PGvector(vector));
        ps.setInt(4, NEIGHBOURS);
    }

    /** Inserts in random order, so neither ids nor insertion order give the answer away. */
    private static long modelVersion(Connection c, long catalogueId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into model_version (catalogue_id, algorithm, status, factors) values (?, 'ials', 'trained', ?) returning id")) {
            ps.setLong(1, catalogueId);
            ps.setInt(2, FACTOR_DIMENSIONS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void insertShuffled(Connection c, long catalogueId, Map<String, float[]> vectors, Random random,
            String insert) throws SQLException {
        List<String> order = new ArrayList<>(vectors.keySet());
        Collections.shuffle(order, random);
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (String externalId : order) {
                ps.setLong(1, catalogueId);
                ps.setString(2, externalId);
                ps.setObject(3, new PGvector(vectors.get(externalId)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static float[] gaussian(Random random, int dimensions) {
        float[] v = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** direction + noise scaled to {@code amount} of the direction's length. */
    private static float[] mix(float[] direction, float[] noise, float amount) {
        double ratio = amount * Math.sqrt(dot(direction, direction) / dot(noise, noise));
        float[] v = new float[direction.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (direction[i] + ratio * noise[i]);
        }
        return v;
    }

    private static float[] normalized(float[] v) {
        return scaled(v, (float) (1 / Math.sqrt(dot(v, v))));
    }

    private static float[] scaled(float[] v, float factor) {
        float[] s = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = v[i] * factor;
        }
        return s;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double cosineDistance(float[] a, float[] b) {
        return 1 - dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }
}
