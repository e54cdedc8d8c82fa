package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** The storefront item endpoints of the deployed EAR: what they answer and what they leave in the database. */
class ItemsApiIT {

    private static final String SQL_INJECTION = "Robert'); DROP TABLE item; --";
    private static final String SCRIPT_INJECTION = "<script>alert('x')</script><img src=x onerror=alert(1)>";

    private static String item(String id, String title) {
        return Json.createObjectBuilder().add("externalId", id).add("title", title).build().toString();
    }

    private static void assertError(Api.Reply reply, int status, String error, String field) {
        Problems.assertProblem(reply, status, error);
        if (field != null) {
            assertEquals(field, reply.json().getString("field"), reply.body());
        }
    }

    @Test
    void an_item_can_be_put_read_hidden_unhidden_and_deleted() {
        var shop = Storefront.create("items");
        var put = shop.put("items/sku-1", """
                {"title":"Trail shoe","description":"Light and grippy","categories":["shoes","outdoor"],
                 "tags":["running"],"attributes":{"brand":"Acme","price":89.5},"publishedAt":"2026-01-02T03:04:05Z"}""");
        assertEquals(200, put.status(), put.body());
        var item = shop.get("items/sku-1");
        assertEquals(200, item.status(), item.body());
        JsonObject json = item.json();
        assertEquals("sku-1", json.getString("externalId"));
        assertEquals("Trail shoe", json.getString("title"));
        assertEquals("Light and grippy", json.getString("description"));
        assertEquals(2, json.getJsonArray("categories").size());
        assertEquals("Acme", json.getJsonObject("attributes").getString("brand"));
        assertEquals("2026-01-02T03:04:05Z", json.getString("publishedAt"));
        assertTrue(json.getBoolean("available"));
        assertEquals(1L, Database.count("item", shop.catalogue));

        var hidden = shop.put("items/sku-1/available", "false");
        assertEquals(200, hidden.status(), hidden.body());
        assertFalse(hidden.json().getBoolean("available"));
        assertEquals(Boolean.FALSE, Database.single("select i.available from item i join catalogue c on c.id = i.catalogue_id"
                + " where c.name = ? and i.external_id = 'sku-1'", shop.catalogue));
        assertTrue(shop.put("items/sku-1/available", "true").json().getBoolean("available"));

        // a partial update keeps what it leaves out
        var renamed = shop.put("items/sku-1", "{\"title\":\"Trail shoe II\"}");
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("Light and grippy", renamed.json().getString("description"));
        assertEquals(2, renamed.json().getJsonArray("categories").size());

        assertEquals(204, shop.delete("items/sku-1").status());
        assertError(shop.get("items/sku-1"), 404, "not_found", null);
        assertEquals(0L, Database.count("item", shop.catalogue));
        assertError(shop.delete("items/sku-1"), 404, "not_found", null);
    }

    /**
     * Only the embedded text (title, description, categories, tags) changes the content hash that decides
     * re-embedding; that the pipeline then re-encodes exactly the changed items is EmbeddingPipelineIT's.
     */
    @Test
    void only_a_change_of_the_embedded_text_changes_the_content_hash() {
        var shop = Storefront.create("items-hash");
        assertEquals(200, shop.put("items/a", "{\"title\":\"One\",\"attributes\":{\"x\":1}}").status());
        String hash = contentHash(shop);

        assertEquals(200, shop.put("items/a", "{\"title\":\"One\",\"attributes\":{\"x\":2}}").status());
        assertEquals(hash, contentHash(shop), "attributes are not embedded text");

        assertEquals(200, shop.put("items/a", "{\"title\":\"One\",\"tags\":[\"new\"]}").status());
        assertNotEquals(hash, contentHash(shop));
    }

    private static String contentHash(Storefront shop) {
        return Database.single("select content_hash from item i join catalogue c on c.id = i.catalogue_id where c.name = ?",
                shop.catalogue);
    }

    @Test
    void a_batch_commits_the_valid_items_and_rejects_each_invalid_one_by_index_and_field() {
        var shop = Storefront.create("items-batch");
        String body = "[" + String.join(",",
                item("ok-1", "First"),
                "{\"externalId\":\"no-title\"}",
                item("long-title", "t".repeat(513)),
                Json.createObjectBuilder().add("externalId", "long-description").add("title", "x")
                        .add("description", "d".repeat(16_385)).build().toString(),
                Json.createObjectBuilder().add("externalId", "big-attributes").add("title", "x")
                        .add("attributes", Json.createObjectBuilder().add("a", "v".repeat(16_400))).build().toString(),
                "{\"title\":\"no id\"}",
                item("x".repeat(201), "long id"),
                item("ok-2", "Second"),
                item("blank-category", "x").replace("}", ",\"categories\":[\" \"]}")) + "]";
        var reply = shop.post("items:batch", body);
        assertEquals(200, reply.status(), reply.body());
        var json = reply.json();
        assertEquals(2, json.getInt("accepted"));
        assertEquals(7, json.getInt("rejected"));
        var elements = json.getJsonArray("elements").getValuesAs(JsonObject.class);
        String[] fields = {null, "title", "title", "description", "attributes", "externalId", "externalId", null, "categories"};
        for (int i = 0; i < fields.length; i++) {
            assertEquals(i, elements.get(i).getInt("index"));
            assertEquals(fields[i] == null ? "accepted" : "rejected", elements.get(i).getString("status"), elements.get(i).toString());
            if (fields[i] != null) {
                assertEquals(fields[i], elements.get(i).getString("field"), elements.get(i).toString());
                assertFalse(elements.get(i).getString("reason").isBlank());
            }
        }
        assertEquals(2L, Database.count("item", shop.catalogue));
        assertEquals(200, shop.get("items/ok-2").status());
        assertEquals(404, shop.get("items/no-title").status());
    }

    @Test
    void a_batch_where_every_item_is_invalid_is_a_400_naming_the_first_element_and_field() {
        var shop = Storefront.create("items-bad");
        var reply = shop.post("items:batch", "[{\"externalId\":\"a\"}, {\"title\":\"b\"}]");
        assertError(reply, 400, "invalid", "[0].title");
        assertEquals(2, reply.json().getInt("rejected"));
        assertEquals(0L, Database.count("item", shop.catalogue));
    }

    @Test
    void malformed_json_and_wrong_types_are_refused_and_write_nothing() {
        var shop = Storefront.create("items-malformed");
        assertError(shop.post("items:batch", "[" + item("a", "A") + ", {\"externalId\": "), 400, "malformed_json", null);
        assertError(shop.post("items:batch", "[" + item("a", "A") + ", {\"externalId\":\"b\",\"title\":\"B\",\"categories\":\"c\"}]"),
                400, "malformed_json", null);
        assertError(shop.post("items:batch", "{\"externalId\":\"a\",\"title\":\"A\"}"), 400, "malformed_json", null);
        assertError(shop.put("items/a", "{\"title\":\"A\",\"attributes\":\"not an object\"}"), 400, "malformed_json", null);
        assertError(shop.put("items/a", "{\"title\":\"A\",\"publishedAt\":\"yesterday\"}"), 400, "malformed_json", null);
        assertError(shop.put("items/a", "{\"title\":\"A\",\"available\":\"maybe\"}"), 400, "invalid", "available");
        assertError(shop.put("items/a", "{\"description\":\"no title\"}"), 400, "invalid", "title");
        assertError(shop.put("items/a", "{\"title\":\"" + "t".repeat(513) + "\"}"), 400, "invalid", "title");
        assertError(shop.put("items/a", "{\"externalId\":\"b\",\"title\":\"A\"}"), 400, "invalid", "externalId");
        assertError(shop.put("items/a", ""), 400, "invalid", "title");
        assertEquals(0L, Database.count("item", shop.catalogue));
        assertEquals(200, shop.put("items/a", item("a", "A")).status());
        assertError(shop.put("items/a/available", "\"no\""), 400, "invalid", "available");
        assertError(shop.put("items/a/available", ""), 400, "invalid", "available");
        assertError(shop.put("items/unknown/available", "false"), 404, "not_found", null);
        assertEquals(true, Database.single("select i.available from item i join catalogue c on c.id = i.catalogue_id"
                + " where c.name = ?", shop.catalogue));
    }

    @Test
    void more_than_1000_items_in_a_batch_are_refused_whole() {
        var shop = Storefront.create("items-oversize");
        var body = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            body.append(i == 0 ? "" : ",").append(item("i" + i, "Item " + i));
        }
        var reply = shop.post("items:batch", body.append("]").toString());
        assertError(reply, 400, "invalid", "items");
        assertEquals(0L, Database.count("item", shop.catalogue));

        var exactly1000 = shop.post("items:batch", body.substring(0, body.lastIndexOf(",{")) + "]");
        assertEquals(200, exactly1000.status(), exactly1000.body());
        assertEquals(1000, exactly1000.json().getInt("accepted"));
        assertEquals(1000L, Database.count("item", shop.catalogue));
    }

    @Test
    void an_over_size_body_is_refused_with_413() {
        var shop = Storefront.create("items-413");
        String huge = "[" + item("a", "x".repeat(9 * 1024 * 1024)) + "]";
        assertError(shop.post("items:batch", huge), 413, "payload_too_large", null);
        // chunked, so no Content-Length announces the size: cut off while reading
        var chunked = shop.post("items:batch", HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertError(chunked, 413, "payload_too_large", null);
        assertError(shop.put("items/a", item("a", "x".repeat(70 * 1024))), 413, "payload_too_large", null);
        assertEquals(0L, Database.count("item", shop.catalogue));
    }

    @Test
    void sql_and_script_injection_strings_are_stored_verbatim() {
        var shop = Storefront.create("items-inject");
        String body = Json.createObjectBuilder().add("title", SQL_INJECTION).add("description", SCRIPT_INJECTION)
                .add("categories", Json.createArrayBuilder().add(SCRIPT_INJECTION))
                .add("attributes", Json.createObjectBuilder().add("q", SQL_INJECTION)).build().toString();
        assertEquals(200, shop.put("items/x'%3B--", body).status());
        var stored = shop.get("items/x'%3B--").json();
        assertEquals("x';--", stored.getString("externalId"));
        assertEquals(SQL_INJECTION, stored.getString("title"));
        assertEquals(SCRIPT_INJECTION, stored.getString("description"));
        assertEquals(SCRIPT_INJECTION, stored.getJsonArray("categories").getString(0));
        assertEquals(SQL_INJECTION, stored.getJsonObject("attributes").getString("q"));
        assertEquals(SQL_INJECTION, Database.single("select i.title from item i join catalogue c on c.id = i.catalogue_id"
                + " where c.name = ? and i.external_id = 'x'';--'", shop.catalogue));
        assertEquals(1L, Database.count("item", shop.catalogue));
    }

    @Test
    void storefront_calls_need_a_valid_key_of_their_own_catalogue() {
        var shop = Storefront.create("items-keys");
        var other = Storefront.create("items-keys-other");
        assertEquals(200, shop.put("items/a", item("a", "A")).status());

        var none = shop.withKey(null).get("items/a");
        assertError(none, 401, "unauthorized", null);
        assertError(shop.withKey("rk_not-a-real-key-at-all-xxxxxxxxxxxxxxxxxxxxxx").get("items/a"), 401, "unauthorized", null);
        assertError(shop.withKey(shop.key + "x").get("items/a"), 401, "unauthorized", null);
        assertError(shop.withKey(other.key).get("items/a"), 403, "forbidden", null);
        assertError(shop.withKey(other.key).put("items/b", item("b", "B")), 403, "forbidden", null);
        assertError(Storefront.create("items-keys-x").withKey(shop.key).post("items:batch", "[" + item("c", "C") + "]"),
                403, "forbidden", null);

        assertError(Storefront.of("no-such-catalogue-" + System.nanoTime(), shop.key).get("items/a"), 404, "not_found", null);
        assertError(Storefront.of("no-such-catalogue-" + System.nanoTime(), shop.key).put("items/a", item("a", "A")),
                404, "not_found", null);
        assertEquals(1L, Database.count("item", shop.catalogue));

        assertEquals(204, Api.delete("/api/v1/catalogues/" + shop.catalogue + "/api-keys/" + shop.prefix).status());
        assertError(shop.get("items/a"), 401, "unauthorized", null);
        assertError(shop.put("items/z", item("z", "Z")), 401, "unauthorized", null);
        assertEquals(1L, Database.count("item", shop.catalogue));
    }

    @Test
    void the_key_may_also_come_in_the_x_api_key_header() throws Exception {
        var shop = Storefront.create("items-header");
        var request = HttpRequest.newBuilder(java.net.URI.create(Api.BASE + "/api/v1/catalogues/" + shop.catalogue + "/items/a"))
                .header("X-API-Key", shop.key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(item("a", "A"))).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1L, Database.count("item", shop.catalogue));
        assertNull(Database.single("select revoked_at from api_key k join catalogue c on c.id = k.catalogue_id where c.name = ?",
                shop.catalogue));
    }
}
