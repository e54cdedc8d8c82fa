package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** REST clients get the API's JSON errors, never the console's HTML or the JSON binder's internals. */
class ApiErrorsIT {

    @Test
    void a_wrong_basic_password_is_answered_with_a_json_401() {
        for (String path : new String[] {"/api/v1/catalogues", "/api/v1/admin/catalogues/any/training", "/api/v1/embedding-models"}) {
            var refused = Api.as("admin", "wrong-password", path);

            assertEquals(401, refused.status(), path + ": " + refused.body());
            assertTrue(refused.contentType().startsWith("application/json"), path + ": " + refused.contentType());
            assertEquals("unauthorized", refused.json().getString("error"), refused.body());
        }
        var nobody = Api.as("nobody", "x", "/api/v1/catalogues");
        assertEquals(401, nobody.status());
        assertTrue(nobody.contentType().startsWith("application/json"), nobody.contentType());
    }

    @Test
    void a_wrongly_typed_field_is_named_without_parser_internals() {
        var shop = Storefront.create("types");
        String training = "/api/v1/admin/catalogues/" + shop.catalogue + "/training";
        var replies = Map.of(
                "attributes", shop.put("users/u1", "{\"attributes\": \"text\"}"),
                "categories", shop.put("items/i1", "{\"title\": \"Lamp\", \"categories\": \"lighting\"}"),
                "factors", Api.post(training, "{\"factors\": \"many\"}"),
                "k", Api.post(training, "{\"k\": [\"ten\"]}"));

        replies.forEach((field, reply) -> {
            assertEquals(400, reply.status(), field + ": " + reply.body());
            assertEquals(field, reply.json().getString("field"), reply.body());
            assertFalse(reply.body().contains("org.eclipse") || reply.body().contains("java."), reply.body());
        });
        assertEquals(0, Database.count("app_user", shop.catalogue));
        assertEquals(0, Database.count("item", shop.catalogue));
    }
}
