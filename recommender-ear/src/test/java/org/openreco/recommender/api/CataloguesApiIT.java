package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The catalogue endpoints of the deployed EAR, against the real database. */
class CataloguesApiIT {

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static boolean listed(String name) {
        return Api.get("/api/v1/catalogues").array().getValuesAs(JsonObject.class).stream()
                .anyMatch(c -> c.getString("name").equals(name));
    }

    @Test
    void a_catalogue_can_be_created_listed_read_renamed_and_deleted() {
        String name = uniqueName("books");
        var created = Api.post("/api/v1/catalogues", "{\"name\":\"" + name + "\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals(name, created.json().getString("name"));
        assertTrue(created.json().containsKey("createdAt"));
        assertTrue(listed(name));
        assertEquals(name, Api.get("/api/v1/catalogues/" + name).json().getString("name"));

        String renamed = uniqueName("novels");
        var rename = Api.put("/api/v1/catalogues/" + name, "{\"name\":\"" + renamed + "\"}");
        assertEquals(200, rename.status(), rename.body());
        assertEquals(renamed, rename.json().getString("name"));
        assertEquals(404, Api.get("/api/v1/catalogues/" + name).status());
        assertTrue(listed(renamed));

        assertEquals(204, Api.delete("/api/v1/catalogues/" + renamed).status());
        assertEquals(404, Api.get("/api/v1/catalogues/" + renamed).status());
        assertFalse(listed(renamed));
    }

    @Test
    void the_catalogue_admin_api_needs_the_admins_credentials() {
        var anonymous = Api.as(null, null, "/api/v1/catalogues");
        Problems.assertProblem(anonymous, 401, "unauthorized");
        var wrong = Api.as("admin", Api.ADMIN_PASSWORD + "-wrong", "/api/v1/catalogues");
        assertEquals(401, wrong.status(), wrong.body());
        assertEquals(200, Api.get("/api/v1/catalogues").status());
    }

    @Test
    void malformed_json_is_refused_with_a_json_error() {
        var reply = Api.post("/api/v1/catalogues", "{\"name\": ");
        Problems.assertProblem(reply, 400, "malformed_json");
    }

    @Test
    void a_missing_name_is_refused_naming_the_field() {
        for (String body : new String[] {"{}", "{\"name\":null}", "{\"name\":\"  \"}", ""}) {
            var reply = Api.post("/api/v1/catalogues", body);
            assertEquals(400, reply.status(), "body '" + body + "': " + reply.body());
            assertEquals("name", reply.json().getString("field"), reply.body());
            assertEquals("invalid", reply.json().getString("error"));
        }
    }

    @Test
    void a_name_that_cannot_appear_in_a_url_is_refused() {
        var reply = Api.post("/api/v1/catalogues", "{\"name\":\"a/b c\"}");
        assertEquals(400, reply.status(), reply.body());
        assertEquals("name", reply.json().getString("field"));
        var tooLong = Api.post("/api/v1/catalogues", "{\"name\":\"" + "x".repeat(101) + "\"}");
        assertEquals(400, tooLong.status(), tooLong.body());
    }

    @Test
    void a_duplicate_name_is_a_conflict_for_create_and_rename() {
        String first = uniqueName("dup");
        String second = uniqueName("dup");
        assertEquals(201, Api.post("/api/v1/catalogues", "{\"name\":\"" + first + "\"}").status());
        assertEquals(201, Api.post("/api/v1/catalogues", "{\"name\":\"" + second + "\"}").status());

        var again = Api.post("/api/v1/catalogues", "{\"name\":\"" + first + "\"}");
        assertEquals(409, again.status(), again.body());
        assertEquals("name", again.json().getString("field"));
        var clash = Api.put("/api/v1/catalogues/" + second, "{\"name\":\"" + first + "\"}");
        assertEquals(409, clash.status(), clash.body());

        Api.delete("/api/v1/catalogues/" + first);
        Api.delete("/api/v1/catalogues/" + second);
    }

    @Test
    void an_unknown_catalogue_is_not_found_for_every_method() {
        String missing = uniqueName("missing");
        for (var reply : new Api.Reply[] {
                Api.get("/api/v1/catalogues/" + missing),
                Api.put("/api/v1/catalogues/" + missing, "{\"name\":\"whatever\"}"),
                Api.delete("/api/v1/catalogues/" + missing)}) {
            assertEquals(404, reply.status(), reply.body());
            assertEquals("not_found", reply.json().getString("error"));
            assertTrue(reply.json().getString("message").contains(missing));
        }
    }

    @Test
    void an_unknown_path_gets_a_json_404() {
        var reply = Api.get("/api/v1/no-such-thing");
        Problems.assertProblem(reply, 404, "not_found");
    }

    @Test
    void the_openapi_document_lists_the_catalogue_endpoints() {
        var reply = Api.get("/openapi?format=JSON");
        assertEquals(200, reply.status(), reply.body());
        JsonObject paths = reply.json().getJsonObject("paths");
        assertTrue(paths.containsKey("/api/v1/catalogues"), paths.keySet().toString());
        JsonObject one = paths.getJsonObject("/api/v1/catalogues/{name}");
        assertTrue(one.keySet().containsAll(java.util.List.of("get", "put", "delete")), one.keySet().toString());
        assertTrue(paths.getJsonObject("/api/v1/catalogues").keySet().containsAll(java.util.List.of("get", "post")));
        assertEquals("Recommender API", ((JsonString) reply.json().getJsonObject("info").get("title")).getString());
    }
}
