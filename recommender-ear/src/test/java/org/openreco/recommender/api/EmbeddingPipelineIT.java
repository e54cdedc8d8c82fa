package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quasi-real-time re-embedding pipeline of the deployed EAR with the real language model: items and
 * events sent through the storefront API get their vectors within seconds, unchanged text is not
 * encoded again, a user's vector follows what they like, and a model switch builds a new generation
 * while the old one serves, then swaps them in one step.
 */
class EmbeddingPipelineIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @BeforeAll
    static void theServerRunsALanguageModel() {
        assumeEncoder();
    }

    /** Skips (not fails) where the build has no TextEncoder implementation deployed yet. */
    static void assumeEncoder() {
        var probe = Storefront.create("embed-probe");
        var status = Api.get("/api/v1/catalogues/" + probe.catalogue + "/embeddings");
        assertEquals(200, status.status(), status.body());
        assumeTrue(status.json().getBoolean("encoderAvailable"), "no TextEncoder deployed: the pipeline has no model to run");
    }

    @Test
    void an_item_gets_its_vector_within_seconds_and_only_a_changed_text_is_encoded_again() {
        var shop = Storefront.create("embed-items");
        assertEquals(200, shop.put("items/lamp", """
                {"title":"Brass desk lamp","categories":["lighting"],"tags":["office"],"description":"Warm light for long evenings"}""").status());
        long started = System.nanoTime();
        String first = await("the item's vector", () -> vectorOf(shop, "lamp"));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertTrue(seconds <= 5, "embedded after " + seconds + " s");
        String embeddedAt = embeddedAt(shop, "lamp");

        // same text, other attributes: no mark, no new vector
        assertEquals(200, shop.put("items/lamp", """
                {"title":"Brass desk lamp","categories":["lighting"],"tags":["office"],"description":"Warm light for long evenings",
                 "attributes":{"price":49}}""").status());
        sleep(2_500);
        assertEquals(embeddedAt, embeddedAt(shop, "lamp"), "unchanged text is not encoded again");
        assertEquals(0L, Database.count("embedding_queue", shop.catalogue));

        assertEquals(200, shop.put("items/lamp", """
                {"title":"Ceramic reading lamp","categories":["lighting"],"tags":["office"],"description":"Warm light for long evenings"}""").status());
        String second = await("the re-embedded vector", () -> {
            String now = vectorOf(shop, "lamp");
            return now != null && !now.equals(first) ? now : null;
        });
        assertNotEquals(first, second);
    }

    @Test
    void a_paused_catalogue_keeps_its_marks_until_resumed_then_drains_them() {
        var shop = Storefront.create("embed-pause");
        var paused = Api.post("/api/v1/catalogues/" + shop.catalogue + "/embeddings/pause", "");
        assertEquals(200, paused.status(), paused.body());
        assertTrue(paused.json().getBoolean("paused"));
        assertEquals(200, shop.post("items:batch", """
                [{"externalId":"tent","title":"Two-person dome tent"},{"externalId":"stove","title":"Camping gas stove"}]""").status());
        assertEquals(200, shop.post("events:batch", """
                [{"user":"ann","item":"tent","type":"like"}]""").status());
        sleep(3_000); // three ticks of the one-second re-embedding interval
        var status = Api.get("/api/v1/catalogues/" + shop.catalogue + "/embeddings").json();
        assertTrue(status.containsKey("pausedSince") && !status.isNull("pausedSince"), status.toString());
        assertEquals(3, status.getJsonNumber("queueDepth").longValue(), "two items and one user wait: " + status);
        assertEquals(0L, count(shop, "item_vector_minilm"));
        assertEquals(null, userVector(shop, "ann"));

        var resumed = Api.delete("/api/v1/catalogues/" + shop.catalogue + "/embeddings/pause");
        assertEquals(200, resumed.status(), resumed.body());
        assertTrue(resumed.json().getBoolean("wasPaused"));
        await("the queued items' vectors", () -> count(shop, "item_vector_minilm") == 2 ? Boolean.TRUE : null);
        await("the queued user's vector", () -> userVector(shop, "ann"));
        await("an empty queue", () -> Database.count("embedding_queue", shop.catalogue) == 0 ? Boolean.TRUE : null);
        var running = Api.get("/api/v1/catalogues/" + shop.catalogue + "/embeddings").json();
        assertFalse(running.containsKey("pausedSince") && !running.isNull("pausedSince"), running.toString());
        assertFalse(Api.delete("/api/v1/catalogues/" + shop.catalogue + "/embeddings/pause").json().getBoolean("wasPaused"));
        assertEquals(404, Api.post("/api/v1/catalogues/no-such-catalogue-x/embeddings/pause", "").status());
    }

    @Test
    void events_give_the_user_a_vector_that_moves_toward_the_items_they_like() {
        var shop = Storefront.create("embed-users");
        String batch = """
                [{"externalId":"space-1","title":"Starship captains fight an alien armada","categories":["science fiction"]},
                 {"externalId":"space-2","title":"A lone astronaut survives on Mars","categories":["science fiction"]},
                 {"externalId":"cook-1","title":"Sourdough bread baking at home","categories":["cooking"]},
                 {"externalId":"cook-2","title":"Italian pasta recipes from grandmother's kitchen","categories":["cooking"]}]""";
        assertEquals(200, shop.post("items:batch", batch).status());
        await("item vectors", () -> count(shop, "item_vector_minilm") == 4 ? Boolean.TRUE : null);

        assertEquals(200, shop.post("events:batch", """
                [{"user":"ann","item":"space-1","type":"like"},{"user":"ann","item":"space-2","type":"purchase"}]""").status());
        await("the user's vector", () -> userVector(shop, "ann"));
        double space = similarity(shop, "ann", "space-1");
        double cooking = similarity(shop, "ann", "cook-1");
        assertTrue(space > cooking, "likes science fiction: " + space + " vs " + cooking);

        assertEquals(200, shop.post("events:batch", """
                [{"user":"ann","item":"cook-1","type":"purchase"},{"user":"ann","item":"cook-2","type":"purchase"},
                 {"user":"ann","item":"cook-2","type":"like"},{"user":"ann","item":"space-1","type":"dislike"}]""").status());
        await("the moved vector", () -> similarity(shop, "ann", "cook-1") > cooking + 0.05 ? Boolean.TRUE : null);
        assertTrue(similarity(shop, "ann", "cook-1") > similarity(shop, "ann", "space-1"), "now cooking leads");
    }

    @Test
    void a_model_switch_builds_a_new_generation_while_the_old_one_serves_then_swaps_them_at_once() {
        var shop = Storefront.create("embed-switch");
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            items.append(i == 0 ? "" : ",").append("{\"externalId\":\"b").append(i).append("\",\"title\":\"Book number ")
                    .append(i).append(" about gardening and roses\"}");
        }
        assertEquals(200, shop.post("items:batch", items.append("]").toString()).status());
        assertEquals(200, shop.post("events:batch", "[{\"user\":\"reader\",\"item\":\"b1\",\"type\":\"like\"}]").status());
        await("every item's vector", () -> count(shop, "item_vector_minilm") == 300 && userVector(shop, "reader") != null ? Boolean.TRUE : null);

        String settings = Api.get("/api/v1/catalogues/" + shop.catalogue + "/settings").body()
                .replace("\"all-minilm-l6-v2\"", "\"all-minilm-l6-v2-q\"");
        assertEquals(200, Api.put("/api/v1/catalogues/" + shop.catalogue + "/settings", settings).status());
        boolean sawBuilding = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            var status = Api.get("/api/v1/catalogues/" + shop.catalogue + "/embeddings").json();
            // at every moment exactly one generation serves, with a vector for every item and the user
            var active = status.getJsonObject("active");
            String table = active.getString("model").equals("all-minilm-l6-v2") ? "item_vector_minilm" : "item_vector_minilm_q";
            assertEquals(300L, activeVectors(shop, table), status.toString());
            if (status.containsKey("building")) {
                sawBuilding = true;
                assertEquals("all-minilm-l6-v2", active.getString("model"));
                assertEquals("all-minilm-l6-v2-q", status.getJsonObject("building").getString("model"));
            } else if (active.getString("model").equals("all-minilm-l6-v2-q")) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "the switch did not finish: " + status);
            sleep(200);
        }
        assertTrue(sawBuilding, "the build was visible while it ran");
        assertEquals(1L, (long) Database.<Long>single("select count(*) from embedding_generation g join catalogue c on c.id = g.catalogue_id"
                + " where c.name = ? and g.status = 'active'", shop.catalogue));
        assertNotNull(Database.single("select v.embedding::text from user_vector_minilm_q v join app_user u on u.id = v.user_id"
                + " join embedding_generation g on g.id = v.generation_id and g.status = 'active'"
                + " join catalogue c on c.id = u.catalogue_id where c.name = ? and u.external_id = 'reader'", shop.catalogue));
        var generations = Api.get("/api/v1/catalogues/" + shop.catalogue + "/embeddings/generations").array();
        assertEquals("retired", generations.getJsonObject(1).getString("status"), generations.toString());
    }

    @Test
    void an_operator_can_start_and_cancel_a_full_re_embedding_and_list_parked_marks() {
        var shop = Storefront.create("embed-admin");
        String base = "/api/v1/catalogues/" + shop.catalogue + "/embeddings";
        // an hour between visits: after its first visit the scheduler leaves the build alone, so it can be cancelled
        String settings = Api.get("/api/v1/catalogues/" + shop.catalogue + "/settings").body()
                .replaceAll("\"reembedIntervalSeconds\":\\d+", "\"reembedIntervalSeconds\":3600");
        assertEquals(200, Api.put("/api/v1/catalogues/" + shop.catalogue + "/settings", settings).status());
        await("the first visit", () -> Database.single("select g.id from embedding_generation g join catalogue c"
                + " on c.id = g.catalogue_id where c.name = ? and g.status = 'active'", shop.catalogue));
        sleep(1_500);
        var started = Api.post(base + "/rebuild", "");
        assertEquals(202, started.status(), started.body());
        assertEquals("building", started.json().getString("status"));
        var cancelled = Api.delete(base + "/rebuild");
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals("cancelled", cancelled.json().getString("status"));
        var none = Api.delete(base + "/rebuild");
        assertEquals(404, none.status(), none.body());
        assertFalse(none.body().contains("Exception"), none.body());

        var status = Api.get(base);
        assertEquals(200, status.status(), status.body());
        assertTrue(status.json().getBoolean("encoderAvailable"), status.body());
        assertEquals(0, status.json().getInt("queueDepth"));
        assertEquals("[]", Api.get(base + "/parked").body());
        assertEquals(400, Api.get(base + "/parked?size=0").status());
        assertEquals(0, Api.post(base + "/parked/retry", "").json().getInt("retried"));
        assertEquals(401, Api.as(null, null, base).status());
    }

    // --- helpers

    static <T> T await(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not appear within " + WITHIN.toSeconds() + " s");
            }
            sleep(100);
        }
    }

    private static String vectorOf(Storefront shop, String item) {
        return Database.single("select v.embedding::text from item_vector_minilm v join item i on i.id = v.item_id"
                + " join embedding_generation g on g.id = v.generation_id and g.status = 'active'"
                + " join catalogue c on c.id = i.catalogue_id where c.name = ? and i.external_id = ?", shop.catalogue, item);
    }

    private static String embeddedAt(Storefront shop, String item) {
        return Database.single("select v.embedded_at::text from item_vector_minilm v join item i on i.id = v.item_id"
                + " join catalogue c on c.id = i.catalogue_id where c.name = ? and i.external_id = ?", shop.catalogue, item);
    }

    private static String userVector(Storefront shop, String user) {
        return Database.single("select v.embedding::text from user_vector_minilm v join app_user u on u.id = v.user_id"
                + " join catalogue c on c.id = u.catalogue_id where c.name = ? and u.external_id = ?", shop.catalogue, user);
    }

    private static double similarity(Storefront shop, String user, String item) {
        Double value = Database.single("select 1 - (uv.embedding <=> iv.embedding) from user_vector_minilm uv"
                + " join app_user u on u.id = uv.user_id join catalogue c on c.id = u.catalogue_id"
                + " join item i on i.catalogue_id = c.id join item_vector_minilm iv on iv.item_id = i.id"
                + " and iv.generation_id = uv.generation_id where c.name = ? and u.external_id = ? and i.external_id = ?",
                shop.catalogue, user, item);
        return value == null ? Double.NaN : value;
    }

    private static long count(Storefront shop, String table) {
        return Database.<Long>single("select count(*) from " + table + " v join item i on i.id = v.item_id"
                + " join catalogue c on c.id = i.catalogue_id where c.name = ?", shop.catalogue);
    }

    private static long activeVectors(Storefront shop, String table) {
        return Database.<Long>single("select count(*) from " + table + " v join embedding_generation g on g.id = v.generation_id"
                + " and g.status = 'active' join catalogue c on c.id = g.catalogue_id where c.name = ?", shop.catalogue);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
