package org.openreco.recommender.embedding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.control.EmbeddingQueue.Mark;
import org.openreco.recommender.interactions.control.EventStore;

/**
 * The re-embedding pipeline against the real PostgreSQL + pgvector, with a stand-in encoder: the queue's
 * claim/skip-locked/delete semantics, item and user vectors, failures, and blue/green builds. Each test
 * works in a catalogue of its own and deletes it after.
 */
class ReembeddingPipelineIT {

    private static final EmbeddingModel MODEL = EmbeddingModel.MINILM;
    private final PipelineDatabase transactions = new PipelineDatabase();
    private final FakeEncoder encoder = new FakeEncoder();
    private final ReembeddingBatch batch = new ReembeddingBatch(transactions, encoder);
    private Connection sql;
    private long catalogue;

    @BeforeAll
    static void migrate() {
        PipelineDatabase.migrate();
    }

    @BeforeEach
    void catalogue() throws SQLException {
        sql = PipelineDatabase.connect();
        catalogue = id("insert into catalogue (name) values ('" + PipelineDatabase.uniqueName("pipeline") + "') returning id");
    }

    @AfterEach
    void deleteCatalogue() throws SQLException {
        sql.createStatement().executeUpdate("delete from catalogue where id = " + catalogue);
        sql.close();
    }

    @Test
    void two_concurrent_claimers_never_get_the_same_marks_and_a_rollback_gives_them_back() throws Exception {
        items(200, "Item");
        try (var first = PipelineDatabase.connect(); var second = PipelineDatabase.connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            List<Mark> a = new EmbeddingQueue(first).claim(catalogue, 150);
            // the second claimer runs while the first one's transaction still holds its marks
            List<Mark> b = CompletableFuture.supplyAsync(() -> {
                try {
                    return new EmbeddingQueue(second).claim(catalogue, 150);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            assertEquals(150, a.size());
            assertEquals(50, b.size(), "only the marks nobody holds");
            Set<Long> seen = new HashSet<>();
            a.forEach(m -> seen.add(m.entityId()));
            b.forEach(m -> assertTrue(seen.add(m.entityId()), "claimed twice: " + m));
            assertEquals(200, seen.size());
            first.rollback();
            second.commit();
        }
        assertEquals(150, count("select count(*) from embedding_queue where catalogue_id = " + catalogue),
                "the rolled-back claim's marks are back, the committed one's are gone");
    }

    @Test
    void a_mark_arriving_while_a_batch_holds_the_entity_is_not_lost() throws Exception {
        long item = items(1, "Old title").getFirst();
        try (var worker = PipelineDatabase.connect(); var writer = PipelineDatabase.connect()) {
            worker.setAutoCommit(false);
            assertEquals(1, new EmbeddingQueue(worker).claim(catalogue, 10).size());
            // a storefront changes the title meanwhile: its mark waits for the worker's delete
            var change = CompletableFuture.runAsync(() -> {
                try (var update = writer.createStatement()) {
                    update.executeUpdate("update item set title = 'New title' where id = " + item);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(change.isDone(), "the writer's mark waits for the claiming transaction");
            new ItemVectors(worker, encoder).embed(List.of(item), new Generations(worker).liveOrFirst(catalogue, MODEL));
            worker.commit();
            change.get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, count("select count(*) from embedding_queue where entity_id = " + item + " and kind = 'item'"),
                "the new title is queued again");
        drain();
        assertEquals(FakeEncoder.vector(MODEL, "New title")[0], firstComponent(item), 1e-6);
    }

    @Test
    void writers_of_the_same_user_do_not_wait_for_each_other_and_a_worker_passes_the_user_by_until_both_commit()
            throws Exception {
        long user = id("insert into app_user (catalogue_id, external_id) values (" + catalogue + ", 'shared') returning id");
        long other = id("insert into app_user (catalogue_id, external_id) values (" + catalogue + ", 'other') returning id");
        sql.createStatement().executeUpdate("insert into embedding_queue (catalogue_id, kind, entity_id) values ("
                + catalogue + ", 'user', " + user + ")");
        try (var first = PipelineDatabase.connect(); var second = PipelineDatabase.connect();
                var worker = PipelineDatabase.connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            worker.setAutoCommit(false);
            new EventStore(first, catalogue).holdUserMarks(List.of(user, other));
            // the second writer marks the same user while the first one's transaction is still open
            CompletableFuture.runAsync(() -> {
                try {
                    new EventStore(second, catalogue).holdUserMarks(List.of(user));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).get(5, TimeUnit.SECONDS);
            assertTrue(new EmbeddingQueue(worker).claim(catalogue, 10).isEmpty(), "both users are held by a writer");
            worker.rollback();
            first.commit();
            assertEquals(List.of(other), new EmbeddingQueue(worker).claim(catalogue, 10).stream().map(Mark::entityId).toList(),
                    "the user the second writer still holds is passed by");
            worker.rollback();
            second.commit();
            assertEquals(Set.of(user, other), new HashSet<>(new EmbeddingQueue(worker).claim(catalogue, 10).stream()
                    .map(Mark::entityId).toList()), "one mark each, claimed once no writer holds them");
            // a writer arriving while the worker folds the user waits for it, so its events land after the watermark
            var late = CompletableFuture.runAsync(() -> {
                try (var third = PipelineDatabase.connect()) {
                    new EventStore(third, catalogue).holdUserMarks(List.of(user));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(late.isDone(), "the writer waits for the claiming worker");
            worker.commit();
            late.get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, count("select count(*) from embedding_queue where kind = 'user' and entity_id = " + user),
                "the late writer's mark is queued again");
    }

    @Test
    void three_writers_can_hold_the_marks_of_the_same_ten_thousand_users_at_once() throws Exception {
        var users = new ArrayList<Long>();
        for (long u = 1; u <= 10_000; u++) {
            users.add(-u); // marks need no user row; negative ids meet no real user of the shared database
        }
        var writers = new ArrayList<Connection>();
        try {
            for (int w = 0; w < 3; w++) {
                var writer = PipelineDatabase.connect();
                writer.setAutoCommit(false);
                writers.add(writer);
                if (w == 0) {
                    sql.createStatement().executeUpdate("insert into embedding_queue (catalogue_id, kind, entity_id)"
                            + " select " + catalogue + ", 'user', -u from generate_series(1, 10000) as u");
                }
                new EventStore(writer, catalogue).holdUserMarks(users);
            }
            try (var worker = PipelineDatabase.connect()) {
                worker.setAutoCommit(false);
                assertTrue(new EmbeddingQueue(worker).claim(catalogue, 100).isEmpty(), "every mark is held");
                worker.rollback();
            }
            for (var writer : writers) {
                writer.commit();
            }
        } finally {
            for (var writer : writers) {
                writer.close();
            }
        }
        assertEquals(10_000, queueDepth());
    }

    @Test
    void items_get_vectors_in_every_live_generation_and_unchanged_text_is_not_encoded_again() throws Exception {
        List<Long> ids = items(10, "Lamp");
        var report = batch.run(catalogue, MODEL, 30, 256);
        assertEquals(10, report.claimed());
        assertEquals(10, report.encoded());
        assertEquals(10, report.lagsMs().length);
        long active = activeGeneration();
        assertEquals(10, count("select count(*) from item_vector_minilm where generation_id = " + active));
        assertEquals(0, queueDepth());

        // an update that keeps the text marks nothing; a forced mark re-reads but encodes nothing
        sql.createStatement().executeUpdate("update item set attributes = '{\"a\":1}' where id = " + ids.getFirst());
        assertEquals(0, queueDepth());
        sql.createStatement().executeUpdate("insert into embedding_queue (catalogue_id, kind, entity_id) values ("
                + catalogue + ", 'item', " + ids.getFirst() + ")");
        int before = encoder.texts.get();
        assertEquals(1, batch.run(catalogue, MODEL, 30, 256).claimed());
        assertEquals(before, encoder.texts.get(), "unchanged text is not encoded");

        // a building generation of another model gets the changed item too, with its own model
        long building;
        try (var c = PipelineDatabase.connect()) {
            building = new Generations(c).startBuild(catalogue, EmbeddingModel.BGE_SMALL_ZH).id();
        }
        sql.createStatement().executeUpdate("update item set title = 'Lamp, brass' where id = " + ids.getFirst());
        drain();
        assertEquals(1, count("select count(*) from item_vector_bge_zh where generation_id = " + building));
        assertEquals(512, count("select vector_dims(embedding) from item_vector_bge_zh where generation_id = " + building));
    }

    @Test
    void a_poison_item_is_retried_with_backoff_then_parked_while_the_rest_of_its_batch_is_embedded() throws Exception {
        List<Long> good = items(20, "Fine");
        long poison = items(1, "POISON pill").getFirst();
        var first = batch.run(catalogue, MODEL, 30, 256);
        assertEquals(21, first.claimed());
        assertEquals(1, first.failed());
        assertEquals(20, count("select count(*) from item_vector_minilm where generation_id = " + activeGeneration()));
        assertTrue(count("select count(*) from embedding_queue where entity_id = " + poison
                + " and attempts = 1 and next_attempt_at > now() and last_error like '%cannot encode%'") == 1);
        for (int attempt = 2; attempt <= EmbeddingQueue.MAX_ATTEMPTS; attempt++) {
            sql.createStatement().executeUpdate("update embedding_queue set next_attempt_at = now() where entity_id = " + poison);
            assertEquals(1, batch.run(catalogue, MODEL, 30, 256).failed());
        }
        assertEquals(1, count("select count(*) from embedding_queue where entity_id = " + poison + " and parked"));
        sql.createStatement().executeUpdate("update embedding_queue set next_attempt_at = now() where entity_id = " + poison);
        assertEquals(0, batch.run(catalogue, MODEL, 30, 256).claimed(), "a parked mark is not claimed");
        try (var c = PipelineDatabase.connect()) {
            var parked = new EmbeddingQueue(c).parked(catalogue, 0, 10);
            assertEquals(1, parked.size());
            assertTrue(parked.getFirst().lastError().contains("cannot encode 'POISON pill"), parked.getFirst().lastError());
            assertEquals(1, new EmbeddingQueue(c).retryParked(catalogue));
        }
        assertEquals(1, queueDepth());
        assertEquals(20, good.size());
    }

    @Test
    void a_user_parked_during_an_encoder_outage_is_tried_again_when_new_events_arrive() throws Exception {
        List<Long> items = items(2, "Song");
        drain();
        long user = id("insert into app_user (catalogue_id, external_id, profile_text) values (" + catalogue
                + ", 'listener', 'likes songs') returning id");
        encoder.down = true;
        events(user, Map.of(items.get(0), 4.0), Instant.now());
        for (int attempt = 1; attempt <= EmbeddingQueue.MAX_ATTEMPTS; attempt++) {
            sql.createStatement().executeUpdate("update embedding_queue set next_attempt_at = now() where entity_id = " + user);
            assertEquals(1, batch.run(catalogue, MODEL, 30, 256).failed(), "attempt " + attempt);
        }
        assertEquals(1, count("select count(*) from embedding_queue where kind = 'user' and entity_id = " + user + " and parked"));
        encoder.down = false;
        assertEquals(0, batch.run(catalogue, MODEL, 30, 256).claimed(), "the encoder is back, but a parked mark waits");

        events(user, Map.of(items.get(1), 4.0), Instant.now());

        assertEquals(1, count("select count(*) from embedding_queue where kind = 'user' and entity_id = " + user
                + " and not parked and attempts = 0 and last_error is null"), "a fresh start");
        drain();
        assertNotNull(userVector(activeGeneration(), user), "the user has a vector again");
        assertEquals(0, queueDepth());
    }

    @Test
    void a_users_vector_folds_in_only_new_events_and_moves_toward_what_they_liked() throws Exception {
        List<Long> items = items(3, "Genre");
        drain();
        long user = id("insert into app_user (catalogue_id, external_id) values (" + catalogue + ", 'u1') returning id");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        events(user, Map.of(items.get(0), 4.0), t0);
        drain();
        long active = activeGeneration();
        float[] a = FakeEncoder.vector(MODEL, "Genre 0");
        float[] b = FakeEncoder.vector(MODEL, "Genre 1");
        float[] first = userVector(active, user);
        assertEquals(1.0, dot(first, a), 1e-5, "one liked item: its direction");
        long watermark = count("select folded_through_id from user_vector_minilm where user_id = " + user);
        assertTrue(watermark > 0);

        events(user, Map.of(items.get(1), 4.0), t0.plusSeconds(86_400 * 30));
        drain();
        float[] second = userVector(active, user);
        assertTrue(dot(second, b) > dot(second, a), "the newer like weighs more (half-life 30 days: twice)");
        double ab = dot(a, b);
        assertEquals((0.5 * ab + 1) / (0.5 + ab), dot(second, b) / dot(second, a), 1e-3, "0.5 a + 1 b");
        assertTrue(count("select folded_through_id from user_vector_minilm where user_id = " + user) > watermark);

        // a dislike pushes away; the incremental result equals folding the whole history at once
        events(user, Map.of(items.get(2), -4.0), t0.plusSeconds(86_400 * 30));
        drain();
        float[] third = userVector(active, user);
        assertTrue(dot(third, FakeEncoder.vector(MODEL, "Genre 2")) < 0);
        try (var c = PipelineDatabase.connect()) {
            new Generations(c).startBuild(catalogue, MODEL);
        }
        var build = new GenerationBuild(transactions, encoder);
        while (build.step(catalogue, 30) != GenerationBuild.Step.ACTIVATED) {
            // items, then users, then the switch
        }
        long rebuilt = activeGeneration();
        assertTrue(rebuilt != active);
        float[] full = userVector(rebuilt, user);
        for (int i = 0; i < full.length; i++) {
            assertEquals(third[i], full[i], 1e-5);
        }
    }

    @Test
    void a_user_whose_item_still_waits_for_its_vector_is_folded_once_the_item_has_one() throws Exception {
        long user = id("insert into app_user (catalogue_id, external_id) values (" + catalogue + ", 'u2') returning id");
        long item = items(1, "Late item").getFirst();
        // the item's mark is held back (due later): the user's batch must not pass over its event for good
        sql.createStatement().executeUpdate("update embedding_queue set next_attempt_at = now() + interval '1 hour' where entity_id = " + item);
        events(user, Map.of(item, 4.0), Instant.now());
        batch.run(catalogue, MODEL, 30, 256);
        long active = activeGeneration();
        assertNull(userVector(active, user), "no vector while its only item has none");
        assertEquals(0, count("select folded_through_id from user_vector_minilm where user_id = " + user));
        assertEquals(1, count("select count(*) from embedding_queue where kind = 'user' and entity_id = " + user),
                "the user waits in the queue");
        sql.createStatement().executeUpdate("update embedding_queue set next_attempt_at = now() where catalogue_id = " + catalogue);
        drain();
        assertEquals(1.0, dot(userVector(active, user), FakeEncoder.vector(MODEL, "Late item")), 1e-5);
    }

    @Test
    void a_model_switch_builds_a_new_generation_and_activates_it_in_one_step_while_the_old_one_serves() throws Exception {
        items(300, "Book");
        long user = id("insert into app_user (catalogue_id, external_id, profile_text) values (" + catalogue
                + ", 'reader', 'likes books') returning id");
        drain();
        long old = activeGeneration();
        var build = new GenerationBuild(transactions, encoder);
        assertTrue(build.followSettings(catalogue, MODEL).isEmpty(), "same model: nothing to build");
        var started = build.followSettings(catalogue, EmbeddingModel.BGE_SMALL_ZH);
        assertTrue(started.isPresent());
        assertEquals(300, started.get().itemsTotal());
        assertTrue(build.followSettings(catalogue, EmbeddingModel.BGE_SMALL_ZH).isEmpty(), "already building it");

        assertEquals(GenerationBuild.Step.ITEMS, build.step(catalogue, 30));
        assertEquals(old, activeGeneration(), "the old generation serves during the build");
        assertEquals(256, count("select items_done from embedding_generation where id = " + started.get().id()));
        GenerationBuild.Step step;
        do {
            step = build.step(catalogue, 30);
        } while (step != GenerationBuild.Step.ACTIVATED);
        assertEquals(started.get().id(), activeGeneration());
        assertEquals("retired", single("select status from embedding_generation where id = " + old));
        assertEquals(300, count("select count(*) from item_vector_bge_zh where generation_id = " + started.get().id()));
        assertNotNull(single("select embedding::text from user_vector_bge_zh where user_id = " + user), "profile only");
        assertEquals(GenerationBuild.Step.NONE, build.step(catalogue, 30));

        try (var c = PipelineDatabase.connect()) {
            int purged = new Generations(c).purgeStale(100_000);
            assertTrue(purged >= 301, "the retired generation's vectors go: " + purged);
        }
    }

    @Test
    void a_generation_without_vectors_is_replaced_at_once_instead_of_rebuilt() throws Exception {
        var build = new GenerationBuild(transactions, encoder);
        assertTrue(build.followSettings(catalogue, MODEL).isEmpty());
        long first = activeGeneration();
        assertTrue(build.followSettings(catalogue, EmbeddingModel.MINILM_Q).isEmpty(), "no build for an empty catalogue");
        assertEquals("all-minilm-l6-v2-q", single("select model from embedding_generation where status = 'active' and catalogue_id = " + catalogue));
        assertEquals("retired", single("select status from embedding_generation where id = " + first));
    }

    @Test
    void a_cancelled_build_stops_and_the_active_generation_stays() throws Exception {
        items(5, "Toy");
        drain();
        long active = activeGeneration();
        var build = new GenerationBuild(transactions, encoder);
        build.followSettings(catalogue, EmbeddingModel.MINILM_Q);
        try (var c = PipelineDatabase.connect()) {
            assertTrue(new Generations(c).cancelBuild(catalogue));
        }
        assertEquals(GenerationBuild.Step.NONE, build.step(catalogue, 30));
        assertEquals(active, activeGeneration());
    }

    // --- helpers

    private List<Long> items(int n, String title) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (var insert = sql.prepareStatement("insert into item (catalogue_id, external_id, title) values (?, ?, ?) returning id")) {
            for (int i = 0; i < n; i++) {
                insert.setLong(1, catalogue);
                insert.setString(2, title + "-" + i + "-" + System.nanoTime());
                insert.setString(3, n == 1 ? title : title + " " + i);
                try (var rows = insert.executeQuery()) {
                    rows.next();
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Events the way the storefront writes them: the user's mark first, then the events, one transaction. */
    private void events(long user, Map<Long, Double> weights, Instant at) throws SQLException {
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
                rows.occurredAt()[k] = at.toString();
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

    private long activeGeneration() throws SQLException {
        return count("select id from embedding_generation where status = 'active' and catalogue_id = " + catalogue);
    }

    private long queueDepth() throws SQLException {
        return count("select count(*) from embedding_queue where catalogue_id = " + catalogue);
    }

    private float firstComponent(long item) throws SQLException {
        return VectorText.parse((String) single("select embedding::text from item_vector_minilm where item_id = " + item))[0];
    }

    private float[] userVector(long generation, long user) throws SQLException {
        return VectorText.parse((String) single("select embedding::text from user_vector_minilm where generation_id = "
                + generation + " and user_id = " + user));
    }

    private long id(String insert) throws SQLException {
        return count(insert);
    }

    private long count(String query) throws SQLException {
        return ((Number) single(query)).longValue();
    }

    private Object single(String query) throws SQLException {
        try (var rows = sql.createStatement().executeQuery(query)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
