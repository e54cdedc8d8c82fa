package org.openreco.recommender.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The provisioned server with the EAR deployed, seen from outside: health, OpenAPI, and the security
 * realm on the application's admin accounts. Failsafe passes the URLs (see the ear pom).
 */
class ServerIT {

    static final String HTTP_URL = System.getProperty("it.http.url", "http://localhost:8180");
    static final String MANAGEMENT_URL = System.getProperty("it.management.url", "http://localhost:10090");
    static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-Secret-1");

    final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void theServerReportsReadyWithTheApplicationDeployed() throws Exception {
        var response = get(MANAGEMENT_URL + "/health/ready", null);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = json(response.body());
        assertEquals("UP", health.getString("status"));
        var deployments = health.getJsonArray("checks").stream()
                .map(check -> check.asJsonObject())
                .filter(check -> check.getString("name").equals("deployments-status"))
                .findFirst().orElseThrow();
        assertEquals("OK", deployments.getJsonObject("data").getString("recommender.ear"), deployments.toString());
        var database = health.getJsonArray("checks").stream()
                .map(check -> check.asJsonObject())
                .filter(check -> check.getString("name").equals("database"))
                .findFirst().orElseThrow(() -> new AssertionError("no database readiness check in " + health));
        assertEquals("UP", database.getString("status"));
    }

    @Test
    void theOpenApiDocumentIsServed() throws Exception {
        var response = get(HTTP_URL + "/openapi?format=JSON", null);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject document = json(response.body());
        assertTrue(document.getString("openapi").startsWith("3."), document.getString("openapi"));
        assertFalse(document.getJsonObject("paths").isEmpty(), "the document lists the REST API's paths");
    }

    @Test
    void theAdminFromTheDatabaseIsLetIntoTheConsole() throws Exception {
        var response = get(HTTP_URL + "/", basic("admin", ADMIN_PASSWORD));

        assertEquals(200, response.statusCode());
        assertFalse(isLoginPage(response), "the console, not the login page");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        var response = get(HTTP_URL + "/", basic("admin", ADMIN_PASSWORD + "-wrong"));

        assertEquals(401, response.statusCode());
    }

    @Test
    void anAnonymousVisitorGetsTheLoginForm() throws Exception {
        var response = get(HTTP_URL + "/", null);

        assertTrue(isLoginPage(response), "the FORM login page: " + response.statusCode());
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isLoginPage(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().contains("j_security_check");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
