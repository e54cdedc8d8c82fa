package org.openreco.recommender.embedding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.interactions.control.EventStore;

/**
 * The collaborative fold-in as the re-embedding batch runs it, against the real PostgreSQL + pgvector:
 * a model version written the way training writes it (item factors zero-padded to 128), users' events
 * through the event store, batches through {@link ReembeddingBatch}. The expected user factors come from
 * an independent textbook solve of the iALS normal equations.
 */
class CollaborativeFoldInIT {

    private static final EmbeddingModel MODEL = EmbeddingModel.MINILM;
    private static final int K = 4;
    private static final double ALPHA = 2.0;
    private static final double LAMBDA = 0.5;
    private final PipelineDatabase transactions = new PipelineDatabase();
    private final ReembeddingBatch batch = new ReembeddingBatch(transactions, new FakeEncoder());
    private Connection sql;
    private long catalogue;
    private final Map<Long, float[]> factors = new LinkedHashMap<>();

    @BeforeAll
    static void migrate() {
        PipelineDatabase.migrate();
    }

    @BeforeEach
    void catalogue() throws SQLException {
        sql = PipelineDatabase.connect();
        catalogue = id("insert into catalogue (name) values ('" + PipelineDatabase.uniqueName("fold-in") + "') returning id");
    }

    @AfterEach
    void deleteCatalogue() throws SQLException {
        sql.createStatement().executeUpdate("delete from catalogue where id = " + catalogue);
        sql.close();
    }

    @Test
    void newEventsMoveTheUsersFactorsTowardsTheirItemsAndAdvanceTheWatermark() throws Exception {
        List<Long> items = items(6);
        long model = model(items, LAMBDA);
        long user = user("u1");

        events(user, Map.of(items.get(0), 4.0, items.get(1), 2.0));
        drain();
        float[] first = userFactors(model, user);
        assertNotNull(first, "folded into the active model");
        assertClose(expected(Map.of(items.get(0), 4.0, items.get(1), 2.0)), first);
        long watermark = count("select folded_through_id from user_factor where user_id = " + user);
        assertEquals(count("select max(id) from interaction where user_id = " + user), watermark);

        // items 0–2 lie along the first axis, 3–5 along the second: a like of item 4 turns the user
        events(user, Map.of(items.get(4), 4.0));
        drain();
        float[] second = userFactors(model, user);
        assertTrue(second[1] > first[1] + 0.1, "towards the new item's axis: " + first[1] + " → " + second[1]);
        assertClose(expected(Map.of(items.get(0), 4.0, items.get(1), 2.0, items.get(4), 4.0)), second);
        assertTrue(count("select folded_through_id from user_factor where user_id = " + user) > watermark);
        assertTrue(count("select count(*) from user_vector_minilm where user_id = " + user) == 1, "the content vector too");
    }

    @Test
    void weightsOfAnItemAreSummedNegativeTotalsAndItemsWithoutFactorsAreLeftOut() throws Exception {
        List<Long> items = items(6);
        long model = model(items.subList(0, 5), LAMBDA); // item 5 is newer than the model
        long user = user("u2");

        events(user, Map.of(items.get(0), 1.0, items.get(2), 4.0, items.get(5), 4.0));
        events(user, Map.of(items.get(0), 2.0, items.get(2), -4.0));
        drain();

        assertClose(expected(Map.of(items.get(0), 3.0)), userFactors(model, user));
    }

    @Test
    void withoutAnActiveModelNothingIsFolded() throws Exception {
        List<Long> items = items(3);
        long model = model(items, LAMBDA);
        sql.createStatement().executeUpdate("update model_version set status = 'retired' where id = " + model);
        long user = user("u3");

        events(user, Map.of(items.get(0), 4.0));
        drain();

        assertEquals(0, count("select count(*) from user_factor where user_id = " + user));
        assertEquals(1, count("select count(*) from user_vector_minilm where user_id = " + user), "content goes on");
    }

    @Test
    void aFailingFoldInKeepsTheContentVectorAndClearsTheMark() throws Exception {
        List<Long> items = items(3);
        // all-zero item factors and no regularisation: the normal equations are singular, the solve throws
        long model = model(items, 0);
        sql.createStatement().executeUpdate("update item_factor set factors = cast(cast(array_fill(0, array[128]) as real[]) as vector)"
                + " where model_version_id = " + model);
        long user = user("u4");

        events(user, Map.of(items.get(0), 4.0));
        var report = batch.run(catalogue, MODEL, 30, 256);

        assertEquals(0, report.failed());
        assertEquals(0, count("select count(*) from user_factor where user_id = " + user));
        assertEquals(1, count("select count(*) from user_vector_minilm where user_id = " + user), "the content vector is kept");
        assertEquals(0, count("select count(*) from embedding_queue where kind = 'user' and entity_id = " + user));
    }

    /** x = (YᵀY + λI + Σ (c−1) y yᵀ)⁻¹ Σ c y, c = 1 + α·w, by Gaussian elimination in doubles. */
    private double[] expected(Map<Long, Double> weights) {
        double[][] a = new double[K][K + 1];
        for (float[] y : factors.values()) {
            for (int r = 0; r < K; r++) {
                for (int c = 0; c < K; c++) {
                    a[r][c] += y[r] * y[c];
                }
            }
        }
        for (int r = 0; r < K; r++) {
            a[r][r] += LAMBDA;
        }
        for (var entry : weights.entrySet()) {
            float[] y = factors.get(entry.getKey());
            double confidence = 1 + ALPHA * entry.getValue();
            for (int r = 0; r < K; r++) {
                for (int c = 0; c < K; c++) {
                    a[r][c] += (confidence - 1) * y[r] * y[c];
                }
                a[r][K] += confidence * y[r];
            }
        }
        for (int p = 0; p < K; p++) {
            for (int r = p + 1; r < K; r++) {
                double f = a[r][p] / a[p][p];
                for (int c = p; c <= K; c++) {
                    a[r][c] -= f * a[p][c];
                }
            }
        }
        double[] x = new double[K];
        for (int r = K - 1; r >= 0; r--) {
            double s = a[r][K];
            for (int c = r + 1; c < K; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    private static void assertClose(double[] expected, float[] actual) {
        for (int f = 0; f < K; f++) {
            assertEquals(expected[f], actual[f], 1e-4, "factor " + f);
        }
        for (int f = K; f < actual.length; f++) {
            assertEquals(0, actual[f], "padding");
        }
    }

    private List<Long> items(int n) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (var insert = sql.prepareStatement("insert into item (catalogue_id, external_id, title) values (?, ?, ?) returning id")) {
            for (int i = 0; i < n; i++) {
                insert.setLong(1, catalogue);
                insert.setString(2, "item-" + i);
                insert.setString(3, "Item " + i);
                try (var rows = insert.executeQuery()) {
                    rows.next();
                    ids.add(rows.getLong(1));
                }
            }
        }
        drain(); // their content vectors
        return ids;
    }

    /** An active model: the first half of the items along axis 0, the rest along axis 1, a little apart. */
    private long model(List<Long> items, double regularization) throws SQLException {
        long model = id("insert into model_version (catalogue_id, algorithm, status, factors, parameters) values (" + catalogue
                + ", 'ials', 'active', " + K + ", cast('{\"alpha\": " + ALPHA + ", \"regularization\": " + regularization
                + "}' as jsonb)) returning id");
        try (var insert = sql.prepareStatement("insert into item_factor (model_version_id, item_id, factors) values (?, ?, cast(? as vector))")) {
            for (int i = 0; i < items.size(); i++) {
                float[] y = new float[K];
                y[i < 3 ? 0 : 1] = 1;
                y[2] = 0.1f * i;
                y[3] = i % 2 == 0 ? 0.2f : -0.2f;
                factors.put(items.get(i), y);
                float[] padded = new float[128];
                System.arraycopy(y, 0, padded, 0, K);
                insert.setLong(1, model);
                insert.setLong(2, items.get(i));
                insert.setString(3, VectorText.format(padded));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return model;
    }

    private long user(String externalId) throws SQLException {
        return id("insert into app_user (catalogue_id, external_id) values (" + catalogue + ", '" + externalId + "') returning id");
    }

    /** Events the way the storefront writes them: the user's mark first, then the events, one transaction. */
    private void events(long user, Map<Long, Double> weights) throws SQLException {
        try (var c = PipelineDatabase.connect()) {
            c.setAutoCommit(false);
            var store = new EventStore(c, catalogue);
            store.holdUserMarks(List.of(user));
            int n = weights.size();
            var rows = new EventStore.Rows(new Long[n], new Long[n], new String[n], new Double[n], new Double[n],
                    new String[n], new String[n], new String[n]);
            int k = 0;
            for (var entry : weights.entrySet()) {
                rows.userIds()[k] = user;
                rows.itemIds()[k] = entry.getKey();
                rows.types()[k] = entry.getValue() < 0 ? "dislike" : "like";
                rows.weights()[k] = entry.getValue();
                rows.occurredAt()[k] = Instant.now().toString();
                k++;
            }
            store.insert(rows);
            c.commit();
        }
    }

    private void drain() {
        for (int i = 0; i < 20 && batch.run(catalogue, MODEL, 30, 256).claimed() > 0; i++) {
            // until the due marks are gone
        }
    }

    private float[] userFactors(long model, long user) throws SQLException {
        try (var rows = sql.createStatement().executeQuery("select factors::text from user_factor where model_version_id = "
                + model + " and user_id = " + user)) {
            return rows.next() ? VectorText.parse(rows.getString(1)) : null;
        }
    }

    private long id(String insert) throws SQLException {
        return count(insert);
    }

    private long count(String query) throws SQLException {
        try (var rows = sql.createStatement().executeQuery(query)) {
            rows.next();
            return ((Number) rows.getObject(1)).longValue();
        }
    }
}
