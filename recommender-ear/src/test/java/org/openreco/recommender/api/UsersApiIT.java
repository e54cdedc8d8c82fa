package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** The storefront user endpoints of the deployed EAR and what they leave in the database. */
class UsersApiIT {

    private static void assertError(Api.Reply reply, int status, String error, String field) {
        Problems.assertProblem(reply, status, error);
        if (field != null) {
            assertEquals(field, reply.json().getString("field"), reply.body());
        }
    }

    @Test
    void a_user_can_be_put_read_updated_and_deleted() {
        var shop = Storefront.create("users");
        var put = shop.put("users/u-1", "{\"profileText\":\"likes hiking\",\"attributes\":{\"country\":\"NO\"}}");
        assertEquals(200, put.status(), put.body());
        var user = shop.get("users/u-1").json();
        assertEquals("u-1", user.getString("externalId"));
        assertEquals("likes hiking", user.getString("profileText"));
        assertEquals("NO", user.getJsonObject("attributes").getString("country"));
        assertTrue(user.containsKey("createdAt"));

        var updated = shop.put("users/u-1", "{\"attributes\":{\"country\":\"SE\"}}");
        assertEquals("likes hiking", updated.json().getString("profileText"), "left out, kept");
        assertEquals("SE", updated.json().getJsonObject("attributes").getString("country"));
        assertEquals(200, shop.put("users/u-2", "").status(), "a user needs nothing but an id");
        assertEquals(2L, Database.count("app_user", shop.catalogue));

        assertEquals(204, shop.delete("users/u-1").status());
        assertError(shop.get("users/u-1"), 404, "not_found", null);
        assertError(shop.delete("users/u-1"), 404, "not_found", null);
        assertEquals(1L, Database.count("app_user", shop.catalogue));
    }

    @Test
    void deleting_a_user_deletes_their_interactions_and_nobody_elses() {
        var shop = Storefront.create("users-forget");
        assertEquals(200, shop.put("items/i", "{\"title\":\"I\"}").status());
        assertEquals(200, shop.put("users/gone", "{}").status());
        assertEquals(200, shop.put("users/stays", "{}").status());
        for (String user : new String[] {"gone", "gone", "stays"}) {
            Database.single("""
                    insert into interaction (catalogue_id, user_id, item_id, type, occurred_at)
                    select c.id, u.id, i.id, 'view', now() from catalogue c
                    join app_user u on u.catalogue_id = c.id join item i on i.catalogue_id = c.id
                    where c.name = ? and u.external_id = ? returning 1""", shop.catalogue, user);
        }
        assertEquals(3L, Database.count("interaction", shop.catalogue));
        assertEquals(204, shop.delete("users/gone").status());
        assertEquals(1L, Database.count("interaction", shop.catalogue));
        assertEquals(1L, Database.count("app_user", shop.catalogue));
        assertEquals(1L, Database.count("item", shop.catalogue));
    }

    @Test
    void bad_users_are_refused_naming_the_field_and_write_nothing() {
        var shop = Storefront.create("users-bad");
        assertError(shop.put("users/u", "{\"profileText\": "), 400, "malformed_json", null);
        assertError(shop.put("users/u", "{\"profileText\": 5, \"attributes\": []}"), 400, "malformed_json", null);
        assertError(shop.put("users/u", "{\"attributes\": \"text\"}"), 400, "malformed_json", null);
        assertError(shop.put("users/u", Json.createObjectBuilder().add("profileText", "p".repeat(16_385)).build().toString()),
                400, "invalid", "profileText");
        assertError(shop.put("users/u", Json.createObjectBuilder().add("attributes",
                Json.createObjectBuilder().add("a", "v".repeat(16_400))).build().toString()), 400, "invalid", "attributes");
        assertError(shop.put("users/" + "u".repeat(201), "{}"), 400, "invalid", "externalId");
        assertError(shop.put("users/u", "{\"profileText\":\"" + "p".repeat(70 * 1024) + "\"}"), 413, "payload_too_large", null);
        assertError(shop.get("users/nobody"), 404, "not_found", null);
        assertEquals(0L, Database.count("app_user", shop.catalogue));
    }

    @Test
    void injection_strings_in_users_are_stored_verbatim() {
        var shop = Storefront.create("users-inject");
        String text = "'; delete from app_user; -- <script>alert(1)</script>";
        assertEquals(200, shop.put("users/u", Json.createObjectBuilder().add("profileText", text).build().toString()).status());
        assertEquals(text, shop.get("users/u").json().getString("profileText"));
        assertEquals(text, Database.single("select u.profile_text from app_user u join catalogue c on c.id = u.catalogue_id"
                + " where c.name = ?", shop.catalogue));
    }

    @Test
    void user_calls_need_the_catalogues_key() {
        var shop = Storefront.create("users-keys");
        var other = Storefront.create("users-keys-other");
        assertError(shop.withKey(null).put("users/u", "{}"), 401, "unauthorized", null);
        assertError(shop.withKey(other.key).put("users/u", "{}"), 403, "forbidden", null);
        assertError(Storefront.of("no-such-catalogue-" + System.nanoTime(), shop.key).put("users/u", "{}"), 404, "not_found", null);
        assertEquals(0L, Database.count("app_user", shop.catalogue));
        assertFalse(shop.withKey(other.key).get("users/u").body().contains("Exception"));
    }
}
