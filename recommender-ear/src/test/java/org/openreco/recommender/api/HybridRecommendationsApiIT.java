package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.training.control.ModelStore;

/**
 * The hybrid ranking through the storefront API of the deployed EAR: a small catalogue sent over the
 * API, its items embedded by the server's pipeline, and a collaborative model written into the V050
 * tables the way training writes it (an active model version with its blend, item factors zero-padded to
 * 128, item neighbours). Items fall into three "audiences" in the factor space (index mod 3).
 */
class HybridRecommendationsApiIT {

    private static final int ITEMS = 30;
    private static final int FACTORS = 8;
    private static Storefront shop;
    private static long modelVersion;

    @BeforeAll
    static void catalogueWithAModel() throws SQLException {
        shop = Storefront.create("hybrid");
        for (int i = 0; i < ITEMS; i++) {
            var put = shop.put("items/item-" + i, "{\"title\":\"Film " + i + "\",\"categories\":[\"genre-" + i % 2 + "\"]}");
            assertEquals(200, put.status(), put.body());
        }
        try (var db = VectorFixtures.database()) {
            long catalogue;
            try (var ps = db.prepareStatement("select id from catalogue where name = ?")) {
                ps.setString(1, shop.catalogue);
                var rs = ps.executeQuery();
                rs.next();
                catalogue = rs.getLong(1);
            }
            try (var ps = db.prepareStatement("""
                    insert into model_version (catalogue_id, algorithm, status, factors, activated_at, parameters)
                    values (?, 'ials', 'active', ?, now(), cast(? as jsonb)) returning id""")) {
                ps.setLong(1, catalogue);
                ps.setInt(2, FACTORS);
                ps.setString(3, "{\"factors\": 8, \"alpha\": 3.0, \"regularization\": 0.5,"
                        + " \"blend\": {\"collaborative\": 1.0, \"item-to-item\": 0.9, \"content\": 0.05, \"trending\": 0.05}}");
                var rs = ps.executeQuery();
                rs.next();
                modelVersion = rs.getLong(1);
            }
            try (var ps = db.prepareStatement("""
                    insert into item_factor (model_version_id, item_id, factors)
                    select ?, i.id, cast(? as vector) from item i where i.catalogue_id = ? and i.external_id = ?""")) {
                for (int i = 0; i < ITEMS; i++) {
                    float[] y = new float[128];
                    y[i % 3] = 1 + i / 100f;
                    y[3 + i % 5] = 0.05f;
                    ps.setLong(1, modelVersion);
                    ps.setString(2, text(y));
                    ps.setLong(3, catalogue);
                    ps.setString(4, "item-" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            ModelStore.indexItemFactors(db, modelVersion);
            try (var ps = db.prepareStatement("""
                    insert into item_neighbours (model_version_id, item_id, neighbour_ids, similarities)
                    select ?, a.id, array[b.id], array[cast(0.9 as real)] from item a, item b
                     where a.catalogue_id = ? and b.catalogue_id = a.catalogue_id and a.external_id = 'item-0'
                       and b.external_id = 'item-4'""")) {
                ps.setLong(1, modelVersion);
                ps.setLong(2, catalogue);
                ps.executeUpdate();
            }
        }
    }

    @AfterAll
    static void deleteTheCatalogue() throws SQLException {
        VectorFixtures.deleteCatalogues(List.of(shop.catalogue));
    }

    @Test
    void aUserWithFactorsGetsCollaborativeAndItemToItemItemsWithReasonsAndTheImpressionsKeepTheSource() {
        String user = "fan-" + System.nanoTime();
        like(user, List.of("item-0", "item-3"));
        writeUserFactors(user, 0); // audience 0: items 0, 3, 6, …

        // the 8 unseen audience-0 items (collaborative ≥ 0.83 of the best) and item-0's neighbour (0.9) lead;
        // content and trending weigh 0.05 each
        var reply = shop.get("users/" + user + "/recommendations?n=9");
        assertEquals(200, reply.status(), reply.body());
        var items = reply.json().getJsonArray("items").getValuesAs(JsonObject.class);

        assertEquals(9, items.size(), items.toString());
        var shown = new ArrayList<String>();
        for (var item : items) {
            String id = item.getString("itemId");
            shown.add(id);
            assertFalse(Set.of("item-0", "item-3").contains(id), "seen: " + id);
            assertTrue(id.equals("item-4") || Integer.parseInt(id.substring(5)) % 3 == 0, "audience 0: " + item);
            assertTrue(item.getString("reason").startsWith("because you watched ‹Film "), item.toString());
        }
        assertEquals("collaborative", items.getFirst().getString("source"), items.toString());
        assertEquals("item-27", items.getFirst().getString("itemId"), "the strongest audience-0 item");
        assertTrue(shown.contains("item-4"), "item-0's neighbour: " + shown);
        var neighbour = items.stream().filter(i -> i.getString("itemId").equals("item-4")).findFirst().orElseThrow();
        assertEquals("item-to-item", neighbour.getString("source"));
        assertEquals("because you watched ‹Film 0›", neighbour.getString("reason"));

        String requestId = reply.json().getString("requestId");
        assertEquals(items.getFirst().getString("itemId"), Database.single("""
                select i.external_id from impression m join item i on i.id = m.item_id
                 where m.request_id = ?::uuid and m.position = 0 and m.source = 'collaborative'""", requestId));
    }

    /**
     * The answer cache: asked again (a key's answer is kept from its second request on), a storefront gets the
     * kept list under a new request id with its own impressions, even after a change nobody announced (factors written straight into the database); the
     * user's own event or a hidden item drops the kept list at once.
     */
    @Test
    void askingAgainServesTheKeptListUntilTheUserActsOrAnItemIsHidden() throws SQLException {
        String user = "regular-" + System.nanoTime();
        Instant sent = Instant.now();
        like(user, List.of("item-0", "item-3"));
        // the pipeline's batch for these events is over (it announces the user when it commits)
        try {
            VectorFixtures.awaitUserVector(shop.catalogue, user, sent.minusSeconds(1), Duration.ofSeconds(20));
        } catch (AssertionError e) {
            assumeTrue(false, "no re-embedding pipeline deployed");
        }
        sleep(500);
        writeUserFactors(user, 0);

        var first = shop.get("users/" + user + "/recommendations?n=4");
        assertEquals(200, first.status(), first.body());
        var shown = itemIds(first);
        assertEquals(4, shown.size(), first.body());
        // a key's first answer is not kept (most are asked once); asked a second time, it is
        assertEquals(shown, itemIds(shop.get("users/" + user + "/recommendations?n=4")));
        writeUserFactors(user, 1); // unannounced: the kept list stands until its time to live ends

        var second = shop.get("users/" + user + "/recommendations?n=4");
        assertEquals(shown, itemIds(second), "the kept list");
        String firstId = first.json().getString("requestId"), secondId = second.json().getString("requestId");
        assertFalse(firstId.equals(secondId), "each answer has a request id of its own");
        for (String requestId : List.of(firstId, secondId)) {
            Number impressions = Database.single("select count(*) from impression where request_id = ?::uuid", requestId);
            assertEquals(4, impressions.intValue(), "impressions of " + requestId);
        }

        like(user, List.of(shown.getFirst()));
        var afterEvent = itemIds(shop.get("users/" + user + "/recommendations?n=4"));
        assertFalse(afterEvent.contains(shown.getFirst()), "the item just liked is seen: " + afterEvent);

        String hidden = afterEvent.getFirst();
        assertEquals(200, shop.put("items/" + hidden + "/available", "false").status());
        var afterHiding = itemIds(shop.get("users/" + user + "/recommendations?n=4"));
        assertFalse(afterHiding.contains(hidden), "hidden: " + hidden + " in " + afterHiding);
        assertEquals(200, shop.put("items/" + hidden + "/available", "true").status());
    }

    private static List<String> itemIds(Api.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream().map(i -> i.getString("itemId")).toList();
    }

    @Test
    void aDiversityOutsideZeroToOneIsA400NamingIt() {
        for (String bad : List.of("diversity=1.5", "diversity=-0.1", "diversity=lots", "diversity=NaN")) {
            var reply = shop.get("users/anyone/recommendations?" + bad);
            assertEquals(400, reply.status(), bad + ": " + reply.body());
            assertEquals("diversity", reply.json().getString("field"), reply.body());
        }
        assertEquals(200, shop.get("users/anyone/recommendations?diversity=0.4").status());
    }

    @Test
    void newEventsAreFoldedIntoTheActiveModelByThePipelineAndServeCollaborativeItems() throws SQLException {
        String user = "newcomer-" + System.nanoTime();
        Instant sent = Instant.now();
        like(user, List.of("item-1", "item-7"));
        boolean pipeline;
        try {
            VectorFixtures.awaitUserVector(shop.catalogue, user, sent.minusSeconds(1), Duration.ofSeconds(20));
            pipeline = true;
        } catch (AssertionError e) {
            pipeline = false;
        }
        assumeTrue(pipeline, "no re-embedding pipeline deployed: nothing folds the user in");
        Number folded = null;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); folded == null && System.nanoTime() < deadline;) {
            sleep(100);
            folded = Database.single("""
                    select f.folded_through_id from user_factor f join app_user u on u.id = f.user_id
                     join catalogue c on c.id = u.catalogue_id where c.name = ? and u.external_id = ? and f.model_version_id = ?""",
                    shop.catalogue, user, modelVersion);
        }
        assertTrue(folded != null && folded.longValue() > 0, "folded in with the newest interaction id");

        var items = shop.get("users/" + user + "/recommendations?n=3").json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals("collaborative", items.getFirst().getString("source"), items.toString());
        for (var item : items) {
            assertEquals(1, Integer.parseInt(item.getString("itemId").substring(5)) % 3, "audience 1 (items 1 and 7): " + item);
        }
    }

    private static void like(String user, List<String> items) {
        var events = new ArrayList<String>();
        Instant at = Instant.now().minusSeconds(60);
        for (String item : items) {
            events.add("{\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"type\":\"like\",\"timestamp\":\"" + (at = at.plusSeconds(1)) + "\"}");
        }
        var reply = shop.post("events:batch", "[" + String.join(",", events) + "]");
        assertEquals(200, reply.status(), reply.body());
    }

    private static void writeUserFactors(String user, int audience) {
        float[] x = new float[128];
        x[audience] = 2;
        try (var db = VectorFixtures.database(); var ps = db.prepareStatement("""
                insert into user_factor (model_version_id, user_id, factors, folded_through_id)
                select ?, u.id, cast(? as vector), 9223372036854775807 from app_user u join catalogue c on c.id = u.catalogue_id
                 where c.name = ? and u.external_id = ?
                on conflict (model_version_id, user_id) do update set factors = excluded.factors,
                    folded_through_id = excluded.folded_through_id""")) {
            ps.setLong(1, modelVersion);
            ps.setString(2, text(x));
            ps.setString(3, shop.catalogue);
            ps.setString(4, user);
            assertEquals(1, ps.executeUpdate());
        } catch (SQLException e) {
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

    private static String text(float[] v) {
        var text = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            text.append(i == 0 ? "" : ",").append(v[i]);
        }
        return text.append(']').toString();
    }
}
