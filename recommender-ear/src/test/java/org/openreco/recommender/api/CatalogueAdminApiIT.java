package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Settings and API keys of a catalogue through the admin API. */
class CatalogueAdminApiIT {

    @Test
    void settings_start_as_the_defaults_and_can_be_replaced() {
        var shop = Storefront.create("settings");
        String path = "/api/v1/catalogues/" + shop.catalogue + "/settings";
        var defaults = Api.get(path).json();
        assertEquals(8.0, defaults.getJsonObject("eventWeights").getJsonNumber("purchase").doubleValue());
        assertEquals(-4.0, defaults.getJsonObject("eventWeights").getJsonNumber("dislike").doubleValue());
        assertEquals(2.5, defaults.getJsonNumber("ratingPivot").doubleValue());

        var put = Api.put(path, """
                {"eventWeights":{"view":0.5,"purchase":10,"wishlist":3},"ratingPivot":3,
                 "embeddingModel":"all-minilm-l6-v2-q","reembedIntervalSeconds":30}""");
        assertEquals(200, put.status(), put.body());
        var read = Api.get(path).json();
        assertEquals(3, read.getJsonObject("eventWeights").size());
        assertEquals(3.0, read.getJsonObject("eventWeights").getJsonNumber("wishlist").doubleValue());
        assertEquals("all-minilm-l6-v2-q", read.getString("embeddingModel"));
        assertEquals(30, read.getInt("reembedIntervalSeconds"));
        assertEquals(30.0, read.getJsonNumber("userHalfLifeDays").doubleValue(), "left out: the default");
        assertEquals("in-server", read.getString("trainingEngine"), "left out: the default");
        String stored = Database.single("select cast(settings as text) from catalogue where name = ?", shop.catalogue);
        assertTrue(stored.contains("wishlist"), stored);

        var spark = Api.put(path, """
                {"eventWeights":{"view":1},"ratingPivot":3,"embeddingModel":"all-minilm-l6-v2-q","reembedIntervalSeconds":30,
                 "trainingEngine":"spark","sparkMaster":"spark://10.0.0.5:7077"}""");
        assertEquals(200, spark.status(), spark.body());
        assertEquals("spark://10.0.0.5:7077", Api.get(path).json().getString("sparkMaster"));
    }

    @Test
    void invalid_settings_are_refused_naming_the_field_and_change_nothing() {
        var shop = Storefront.create("settings-bad");
        String path = "/api/v1/catalogues/" + shop.catalogue + "/settings";
        String[][] cases = {
                {"{\"eventWeights\":{},\"ratingPivot\":2.5,\"embeddingModel\":\"all-minilm-l6-v2\",\"reembedIntervalSeconds\":5}", "eventWeights"},
                {"{\"eventWeights\":{\"Bad Type\":1},\"ratingPivot\":2.5,\"embeddingModel\":\"all-minilm-l6-v2\",\"reembedIntervalSeconds\":5}", "eventWeights"},
                {"{\"eventWeights\":{\"view\":1e9},\"ratingPivot\":2.5,\"embeddingModel\":\"all-minilm-l6-v2\",\"reembedIntervalSeconds\":5}", "eventWeights"},
                {"{\"eventWeights\":{\"view\":1},\"ratingPivot\":2.5,\"embeddingModel\":\" \",\"reembedIntervalSeconds\":5}", "embeddingModel"},
                {"{\"eventWeights\":{\"view\":1},\"ratingPivot\":2.5,\"embeddingModel\":\"bge-small-en-v1.5\",\"reembedIntervalSeconds\":5}", "embeddingModel"},
                {"{\"eventWeights\":{\"view\":1},\"ratingPivot\":2.5,\"embeddingModel\":\"all-minilm-l6-v2\",\"reembedIntervalSeconds\":5,\"userHalfLifeDays\":0}", "userHalfLifeDays"},
                {"{\"eventWeights\":{\"view\":1},\"ratingPivot\":2.5,\"embeddingModel\":\"all-minilm-l6-v2\",\"reembedIntervalSeconds\":0}", "reembedIntervalSeconds"},
                {"{\"eventWeights\":{\"view\":1},\"ratingPivot\":2.5,\"embeddingModel\":\"all-minilm-l6-v2\"}", "reembedIntervalSeconds"},
                {"{\"eventWeights\":{\"view\":1},\"ratingPivot\":2.5,\"embeddingModel\":\"all-minilm-l6-v2\",\"reembedIntervalSeconds\":5,\"trainingEngine\":\"hadoop\"}", "trainingEngine"},
                {"{\"eventWeights\":{\"view\":1},\"ratingPivot\":2.5,\"embeddingModel\":\"all-minilm-l6-v2\",\"reembedIntervalSeconds\":5,\"trainingEngine\":\"spark\"}", "sparkMaster"},
                {"{\"eventWeights\":{\"view\":1},\"ratingPivot\":2.5,\"embeddingModel\":\"all-minilm-l6-v2\",\"reembedIntervalSeconds\":5,\"trainingEngine\":\"spark\",\"sparkMaster\":\"local[2] --conf a=b\"}", "sparkMaster"}};
        for (String[] c : cases) {
            var reply = Api.put(path, c[0]);
            assertEquals(400, reply.status(), c[0] + " -> " + reply.body());
            assertEquals(c[1], reply.json().getString("field"), reply.body());
        }
        var wrongType = Api.put(path, "{\"eventWeights\":{\"view\":\"heavy\"}}");
        assertEquals(400, wrongType.status(), wrongType.body());
        assertEquals("malformed_json", wrongType.json().getString("error"));
        assertEquals("{}", Database.single("select cast(settings as text) from catalogue where name = ?", shop.catalogue));
        assertEquals(404, Api.get("/api/v1/catalogues/no-such-catalogue-" + System.nanoTime() + "/settings").status());
    }

    @Test
    void a_key_is_shown_once_listed_by_prefix_and_revoked() {
        var shop = Storefront.create("keys");
        String path = "/api/v1/catalogues/" + shop.catalogue + "/api-keys";
        var created = Api.post(path, "{\"name\":\"web shop\"}");
        assertEquals(201, created.status(), created.body());
        String key = created.json().getString("key");
        String prefix = created.json().getString("prefix");
        assertTrue(key.startsWith(prefix) && key.length() > 40, key);

        var listed = Api.get(path).array().getValuesAs(JsonObject.class);
        assertEquals(2, listed.size());
        assertTrue(listed.stream().noneMatch(k -> k.containsKey("key")), "keys are never shown again: " + listed);
        assertTrue(listed.stream().anyMatch(k -> k.getString("prefix").equals(prefix) && k.getString("name").equals("web shop")));
        String hash = Database.single("select key_hash from api_key where prefix = ?", prefix);
        assertNotNull(hash);
        assertFalse(hash.contains(key.substring(prefix.length())), "the key is not stored");

        assertEquals(200, Storefront.of(shop.catalogue, key).put("items/a", "{\"title\":\"A\"}").status());
        assertEquals(204, Api.delete(path + "/" + prefix).status());
        assertEquals(401, Storefront.of(shop.catalogue, key).get("items/a").status());
        assertTrue(Api.get(path).array().getValuesAs(JsonObject.class).stream()
                .anyMatch(k -> k.getString("prefix").equals(prefix) && k.containsKey("revokedAt")));
        assertEquals(404, Api.delete(path + "/rk_nosuchkey").status());
        assertEquals(200, shop.get("items/a").status(), "the other key still works");
    }

    @Test
    void a_catalogue_asked_for_before_it_existed_serves_as_soon_as_it_is_created() {
        String name = "late-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var unknown = Storefront.of(name, "rk_" + "x".repeat(43)).put("items/a", "{\"title\":\"A\"}");
        assertEquals(404, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("catalogue"), unknown.body());
        assertEquals(201, Api.post("/api/v1/catalogues", "{\"name\":\"" + name + "\"}").status());
        var key = Api.post("/api/v1/catalogues/" + name + "/api-keys", "{\"name\":\"web shop\"}");
        assertEquals(201, key.status(), key.body());
        var created = Storefront.of(name, key.json().getString("key")).put("items/a", "{\"title\":\"A\"}");
        assertEquals(200, created.status(), "the name is not remembered as unknown once created: " + created.body());
    }

    @Test
    void keys_need_a_name_and_the_admin() {
        var shop = Storefront.create("keys-bad");
        String path = "/api/v1/catalogues/" + shop.catalogue + "/api-keys";
        var noName = Api.post(path, "{}");
        assertEquals(400, noName.status(), noName.body());
        assertEquals("name", noName.json().getString("field"));
        assertEquals(401, Api.as(null, null, path).status());
        assertEquals(401, Api.as(null, null, "/api/v1/catalogues/" + shop.catalogue + "/settings").status());
        assertEquals(1L, Database.count("api_key", shop.catalogue));
        assertEquals(404, Api.post("/api/v1/catalogues/no-such-catalogue-" + System.nanoTime() + "/api-keys", "{\"name\":\"x\"}").status());
    }

    @Test
    void the_openapi_document_lists_the_storefront_and_admin_endpoints_of_items_users_settings_and_keys() {
        var paths = Api.get("/openapi?format=JSON").json().getJsonObject("paths");
        String base = "/api/v1/catalogues/{catalogue}/";
        var expected = java.util.Map.of(
                base + "items/{externalId}", java.util.List.of("get", "put", "delete"),
                base + "items:batch", java.util.List.of("post"),
                base + "items/{externalId}/available", java.util.List.of("put"),
                base + "users/{externalId}", java.util.List.of("get", "put", "delete"),
                base + "settings", java.util.List.of("get", "put"),
                base + "api-keys", java.util.List.of("get", "post"),
                base + "api-keys/{prefix}", java.util.List.of("delete"));
        expected.forEach((path, methods) -> {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
            assertTrue(paths.getJsonObject(path).keySet().containsAll(methods), path + ": " + paths.getJsonObject(path).keySet());
        });
    }
}
