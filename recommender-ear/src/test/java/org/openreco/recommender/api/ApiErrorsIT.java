package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * REST clients get the API's problem details (RFC 9457, {@code application/problem+json}) for every error,
 * whoever raises it: the container's authentication, the API's filters, JAX-RS itself or the application;
 * never the console's HTML or the JSON binder's internals.
 */
class ApiErrorsIT {

    @Test
    void a_wrong_basic_password_is_answered_with_a_401_problem() {
        for (String path : new String[] {"/api/v1/catalogues", "/api/v1/admin/catalogues/any/training", "/api/v1/embedding-models"}) {
            var refused = Api.as("admin", "wrong-password", path);

            var problem = Problems.assertProblem(refused, 401, "unauthorized");
            assertEquals(path, problem.getString("instance"));
        }
        Problems.assertProblem(Api.as("nobody", "x", "/api/v1/catalogues"), 401, "unauthorized");
        Problems.assertProblem(Api.as(null, null, "/api/v1/catalogues"), 401, "unauthorized");
    }

    @Test
    void another_catalogues_key_is_answered_with_a_403_problem() {
        var shop = Storefront.create("mine");
        var other = Storefront.create("theirs");

        var refused = Storefront.of(other.catalogue, shop.key).get("items/any");

        var problem = Problems.assertProblem(refused, 403, "forbidden");
        assertEquals("/api/v1/catalogues/" + other.catalogue + "/items/any", problem.getString("instance"));
        Problems.assertProblem(shop.withKey("rk_unknown").get("items/any"), 401, "unauthorized");
    }

    @Test
    void what_jax_rs_refuses_itself_is_answered_with_problems() {
        Problems.assertProblem(Api.get("/api/v1/no-such-thing"), 404, "not_found");
        Problems.assertProblem(Api.send("PATCH", "/api/v1/catalogues", "application/json", "{}"), 405, "method_not_allowed");
        Problems.assertProblem(Api.send("POST", "/api/v1/catalogues", "text/plain", "shop"), 415, "unsupported_media_type");
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
            var problem = Problems.assertProblem(reply, 400, "malformed_json");
            assertEquals(field, problem.getString("field"), reply.body());
            assertFalse(reply.body().contains("org.eclipse") || reply.body().contains("java."), reply.body());
        });
        assertEquals(0, Database.count("app_user", shop.catalogue));
        assertEquals(0, Database.count("item", shop.catalogue));
    }
}
