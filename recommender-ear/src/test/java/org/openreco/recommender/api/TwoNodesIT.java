package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one database, both keeping answers for their time to live (30 s): the IT server (node A)
 * and a second one this test starts at another port offset (node B). A change made through A reaches
 * B's answers within a second (a hidden item, a user's event, another active model), through the change
 * signal (PostgreSQL LISTEN/NOTIFY), also after the database cut the signal's connections. The catalogue's re-embedding is paused, so that nothing but the
 * signal tells B: no pipeline batch on B announces the users or items on its own.
 */
class TwoNodesIT {

    static final int OFFSET_B = ItServer.OFFSET + 50;
    static final String NODE_A = "http://localhost:" + (8080 + ItServer.OFFSET);
    static final String NODE_B = "http://localhost:" + (8080 + OFFSET_B);
    static final Duration WITHIN = Duration.ofSeconds(1);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Storefront shop;

    @BeforeAll
    static void aSecondNodeAndACatalogue() throws Exception {
        ItServer.upAt(OFFSET_B, Map.of("SERVER_HEAP", "1g"));
        shop = Storefront.create("two-nodes");
        assertEquals(200, Api.post("/api/v1/catalogues/" + shop.catalogue + "/embeddings/pause", "").status());
        for (int i = 0; i < 20; i++) {
            var put = shop.put("items/item-" + i, "{\"title\":\"Lamp " + i + "\",\"categories\":[\"lighting\"]}");
            assertEquals(200, put.status(), put.body());
        }
    }

    @AfterAll
    static void stopTheSecondNode() throws Exception {
        try {
            if (shop != null) {
                Database.single("with d as (delete from catalogue where name = ? returning 1) select count(*) from d", shop.catalogue);
            }
        } finally {
            ItServer.stopAt(OFFSET_B);
        }
    }

    @Test
    void anItemHiddenThroughOneNodeLeavesTheOtherNodesKeptListWithinASecond() {
        String user = newUser("hidden-");
        var kept = fromB(user);
        // hidden behind the API's back: B serves its kept list, unaware
        hideInTheDatabase(kept.get(1));
        assertEquals(kept, fromB(user), "node B answers from its kept list");

        long hidden = System.nanoTime();
        assertEquals(200, shop.put("items/" + kept.getFirst() + "/available", "false").status());

        awaitOnB(user, hidden, answer -> !answer.contains(kept.getFirst()), kept.getFirst() + " hidden through node A");
    }

    @Test
    void aUsersEventPostedThroughOneNodeChangesTheirAnswerOnTheOtherWithinASecond() {
        String user = newUser("liker-");
        var kept = fromB(user);
        assertEquals(kept, fromB(user), "node B answers from its kept list");

        long posted = System.nanoTime();
        var reply = shop.post("events", "{\"user\":\"" + user + "\",\"item\":\"" + kept.getFirst() + "\",\"type\":\"like\","
                + "\"timestamp\":\"" + Instant.now() + "\"}");
        assertEquals(200, reply.status(), reply.body());

        awaitOnB(user, posted, answer -> !answer.contains(kept.getFirst()), kept.getFirst() + " liked through node A");
    }

    @Test
    void aNodeWhoseSignalConnectionWasCutDropsItsKeptListsAndHearsChangesAgain() {
        String user = newUser("reconnected-");
        var kept = fromB(user);
        hideInTheDatabase(kept.getFirst());
        assertEquals(kept, fromB(user), "node B answers from its kept list");

        long cut = System.nanoTime();
        Number terminated = Database.single("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + " where application_name like '% change signal'");
        assertTrue(terminated.intValue() >= 2, terminated + " signal connections: one per node");
        // changes sent while a node was away are lost: it drops the catalogues' kept lists when it is back
        awaitOnB(user, cut, answer -> !answer.contains(kept.getFirst()), Duration.ofSeconds(10),
                "node B's kept list dropped after it connected again");

        var again = fromB(user);
        long hidden = System.nanoTime();
        assertEquals(200, shop.put("items/" + again.getFirst() + "/available", "false").status());
        awaitOnB(user, hidden, answer -> !answer.contains(again.getFirst()), again.getFirst() + " hidden after the cut");
    }

    @Test
    void aModelActivatedThroughOneNodeIsServedByTheOtherWithinASecond() {
        String fan = "model-fan-" + System.nanoTime();
        // two audiences, of items 0–4 and of items 10–14; the fan likes item 0 before the first training
        var events = new StringBuilder("[");
        for (int u = 0; u < 6; u++) {
            for (int i = 0; i < 5; i++) {
                events.append("{\"user\":\"a-").append(u).append("\",\"item\":\"item-").append(i).append("\",\"type\":\"like\"},");
                events.append("{\"user\":\"b-").append(u).append("\",\"item\":\"item-").append(10 + i).append("\",\"type\":\"like\"},");
            }
        }
        events.append("{\"user\":\"").append(fan).append("\",\"item\":\"item-0\",\"type\":\"like\"}]");
        assertEquals(200, shop.post("events:batch", events.toString()).status());
        long first = trained("{\"factors\":8,\"seed\":1}");
        assertEquals(200, shop.post("events:batch", "[{\"user\":\"" + fan + "\",\"item\":\"item-10\",\"type\":\"like\"},"
                + "{\"user\":\"" + fan + "\",\"item\":\"item-11\",\"type\":\"like\"}]").status());
        trained("{\"factors\":8,\"seed\":2}");
        var second = scored(NODE_A, fan);
        awaitOn(NODE_B, fan, System.nanoTime(), second::equals, Duration.ofSeconds(10), "both nodes serve the second model");

        long activated = System.nanoTime();
        var rollBack = Api.post("/api/v1/admin/catalogues/" + shop.catalogue + "/models/" + first + "/activate", "");
        assertEquals(200, rollBack.status(), rollBack.body());
        var firstAgain = scored(NODE_A, fan);
        assertFalse(firstAgain.equals(second), "the two models score the fan's list differently: " + second);
        awaitOn(NODE_B, fan, activated, firstAgain::equals, WITHIN, "the first model activated through node A");
    }

    /** A training through node A, until it is active; its version id. */
    private static long trained(String request) {
        String base = "/api/v1/admin/catalogues/" + shop.catalogue;
        var start = Api.post(base + "/training", request);
        assertEquals(202, start.status(), start.body());
        long id = start.json().getJsonNumber("id").longValue();
        var finished = TrainingApiIT.awaitFinished(base, id);
        assertEquals("active", finished.getString("status"), finished.toString());
        return id;
    }

    /** Asks a node every 100 ms until its scored answer shows the change; prints how long that took. */
    private static void awaitOn(String node, String user, long since, java.util.function.Predicate<List<String>> changed,
            Duration within, String what) {
        List<String> answer;
        do {
            answer = scored(node, user);
            if (changed.test(answer)) {
                System.out.printf("TwoNodesIT: %s shows it %.0f ms after the change (%s)%n", node,
                        (System.nanoTime() - since) / 1e6, what);
                return;
            }
            sleep(100);
        } while (System.nanoTime() - since < within.toNanos());
        fail(node + " still answers " + answer + " " + within.toMillis() + " ms after the change: " + what);
    }

    /** The user's list from a node as item@score: two models rank alike at most by chance, they never score alike. */
    private static List<String> scored(String node, String user) {
        return answer(node, user).stream().map(item -> item.getString("itemId") + "@" + item.getJsonNumber("score")).toList();
    }

    @Test
    void aKeyRevokedThroughOneNodeIsRefusedByTheOtherWithinASecond() {
        var created = Api.post("/api/v1/catalogues/" + shop.catalogue + "/api-keys", "{\"name\":\"revoked soon\"}");
        assertEquals(201, created.status(), created.body());
        String key = created.json().getString("key");
        assertEquals(200, itemOnB(key), "node B takes the key (and keeps it for 10 s)");

        long revoked = System.nanoTime();
        int status = Api.delete("/api/v1/catalogues/" + shop.catalogue + "/api-keys/" + created.json().getString("prefix")).status();
        assertTrue(status == 200 || status == 204, "revoked: " + status);
        while (itemOnB(key) != 401) {
            assertTrue(System.nanoTime() - revoked < WITHIN.toNanos(), "node B still takes the key " + WITHIN.toMillis() + " ms on");
            sleep(50);
        }
        System.out.printf("TwoNodesIT: node B refuses the key %.0f ms after its revocation%n", (System.nanoTime() - revoked) / 1e6);
    }

    private static int itemOnB(String key) {
        var request = HttpRequest.newBuilder(URI.create(NODE_B + "/api/v1/catalogues/" + shop.catalogue + "/items/item-0"))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A known user without events (answers are kept only for known users): trending items for them. */
    private static String newUser(String prefix) {
        String user = prefix + System.nanoTime();
        var put = shop.put("users/" + user, "{}");
        assertEquals(200, put.status(), put.body());
        return user;
    }

    private static void hideInTheDatabase(String item) {
        Number changed = Database.single("""
                with u as (update item i set available = false from catalogue c
                 where c.id = i.catalogue_id and c.name = ? and i.external_id = ? returning 1) select count(*) from u""",
                shop.catalogue, item);
        assertEquals(1, changed.intValue());
    }

    private static void awaitOnB(String user, long since, java.util.function.Predicate<List<String>> changed, String what) {
        awaitOnB(user, since, changed, WITHIN, what);
    }

    /** Asks node B every 100 ms until its answer shows the change; prints how long that took. */
    private static void awaitOnB(String user, long since, java.util.function.Predicate<List<String>> changed, Duration within,
            String what) {
        List<String> answer;
        do {
            answer = fromB(user);
            if (changed.test(answer)) {
                System.out.printf("TwoNodesIT: node B shows it %.0f ms after the change (%s)%n", (System.nanoTime() - since) / 1e6, what);
                return;
            }
            sleep(100);
        } while (System.nanoTime() - since < within.toNanos());
        fail("node B still answers " + answer + " " + within.toMillis() + " ms after the change: " + what);
    }

    /** The user's recommended item ids from node B. */
    private static List<String> fromB(String user) {
        var items = answer(NODE_B, user).stream().map(item -> item.getString("itemId")).toList();
        assertFalse(items.size() < 2, "too few items to tell: " + items);
        return items;
    }

    private static List<JsonObject> answer(String node, String user) {
        var request = HttpRequest.newBuilder(URI.create(node + "/api/v1/catalogues/" + shop.catalogue + "/users/" + user
                + "/recommendations?n=5")).header("Authorization", "Bearer " + shop.key).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            try (var reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject().getJsonArray("items").getValuesAs(JsonObject.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
