package org.openreco.recommender.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A small black-box client of the deployed API: raw bodies in, status and parsed JSON out. Calls carry
 * the admin's HTTP Basic credentials unless made {@link #as(String, String, String) as someone else}.
 */
final class Api {

    static final String BASE = System.getProperty("it.http.url", "http://localhost:8180");
    static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-Secret-1");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String contentType, String body) {

        JsonObject json() {
            return (JsonObject) parse();
        }

        JsonArray array() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }
    }

    private Api() {
    }

    /** A request with other credentials; null user means none at all. */
    static Reply as(String user, String password, String path) {
        var request = HttpRequest.newBuilder(uri(path)).GET();
        return send(user == null ? request : request.header("Authorization", basic(user, password)));
    }

    static Reply get(String path) {
        return send(asAdmin(HttpRequest.newBuilder(uri(path)).GET()));
    }

    static Reply delete(String path) {
        return send(asAdmin(HttpRequest.newBuilder(uri(path)).DELETE()));
    }

    static Reply post(String path, String json) {
        return send(asAdmin(HttpRequest.newBuilder(uri(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static Reply put(String path, String json) {
        return send(asAdmin(HttpRequest.newBuilder(uri(path))).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method and content type, as the admin. */
    static Reply send(String method, String path, String contentType, String body) {
        return send(asAdmin(HttpRequest.newBuilder(uri(path))).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder asAdmin(HttpRequest.Builder request) {
        return request.header("Authorization", basic("admin", ADMIN_PASSWORD));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static URI uri(String path) {
        return URI.create(BASE + path);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
