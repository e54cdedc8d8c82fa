package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the server serves at /openapi describes every operation's answers and credentials. */
class OpenApiDocumentIT {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String RESPONSE_REF = "#/components/responses/";

    static JsonObject document;

    @BeforeAll
    static void fetchTheDocument() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Api.BASE + "/openapi?format=JSON"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            document = reader.readObject();
        }
    }

    @Test
    void every_operation_answers_success_and_problem_details() {
        var missing = new ArrayList<String>();
        forEachOperation((name, operation) -> {
            JsonObject responses = operation.getJsonObject("responses");
            if (responses == null || responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                missing.add(name + ": no success response");
                return;
            }
            for (String code : List.of("400", "401", "404", "500", "503")) {
                JsonObject response = resolve(responses.getJsonObject(code));
                if (response == null || !response.getJsonObject("content").containsKey("application/problem+json")) {
                    missing.add(name + ": no problem response " + code);
                }
            }
        });
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void every_operation_names_its_credentials() {
        Set<String> schemes = document.getJsonObject("components").getJsonObject("securitySchemes").keySet();
        assertEquals(Set.of("admin", "apiKey", "bearerKey"), schemes);
        var missing = new ArrayList<String>();
        forEachOperation((name, operation) -> {
            var security = operation.getJsonArray("security");
            if (security == null || security.isEmpty()) {
                missing.add(name + ": no security requirement");
                return;
            }
            for (JsonValue requirement : security) {
                if (!schemes.containsAll(requirement.asJsonObject().keySet()) || requirement.asJsonObject().isEmpty()) {
                    missing.add(name + ": unknown or empty scheme " + requirement);
                }
            }
        });
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void admin_and_storefront_operations_name_their_own_schemes() {
        JsonObject paths = document.getJsonObject("paths");
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("admin", Json.createArrayBuilder())).build(),
                paths.getJsonObject("/api/v1/catalogues").getJsonObject("get").getJsonArray("security"));
        var storefront = paths.getJsonObject("/api/v1/catalogues/{catalogue}/users/{user}/recommendations").getJsonObject("get");
        assertEquals(Set.of("apiKey", "bearerKey"), Set.copyOf(storefront.getJsonArray("security").stream()
                .flatMap(requirement -> requirement.asJsonObject().keySet().stream()).toList()));
    }

    private static JsonObject resolve(JsonObject response) {
        if (response == null || !response.containsKey("$ref")) {
            return response;
        }
        String ref = response.getString("$ref");
        assertTrue(ref.startsWith(RESPONSE_REF), ref);
        return document.getJsonObject("components").getJsonObject("responses").getJsonObject(ref.substring(RESPONSE_REF.length()));
    }

    private static void forEachOperation(BiConsumer<String, JsonObject> check) {
        JsonObject paths = document.getJsonObject("paths");
        assertTrue(paths.size() > 30, "only " + paths.size() + " paths: " + paths.keySet());
        paths.forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                check.accept(method.toUpperCase() + " " + path, operation.asJsonObject());
            }
        }));
    }
}
