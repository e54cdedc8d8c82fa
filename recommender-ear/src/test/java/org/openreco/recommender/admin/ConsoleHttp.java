package org.openreco.recommender.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.json.Json;

/** The REST calls browser tests make to set up data and check it: as the admin, or as a storefront with a key. */
final class ConsoleHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ConsoleHttp() {
    }

    static HttpResponse<String> admin(String method, String path, String json) {
        String credentials = Base64.getEncoder()
                .encodeToString(("admin:" + AdminCredentials.password()).getBytes(StandardCharsets.UTF_8));
        return send(method, path, json, "Basic " + credentials);
    }

    static HttpResponse<String> storefront(String key, String method, String path, String json) {
        return send(method, path, json, "Bearer " + key);
    }

    /** A new catalogue with a storefront key; returns the key. */
    static String catalogueWithKey(String catalogue) {
        var created = admin("POST", "/api/v1/catalogues", "{\"name\":\"" + catalogue + "\"}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating " + catalogue + ": " + created.statusCode() + " " + created.body());
        }
        var key = admin("POST", "/api/v1/catalogues/" + catalogue + "/api-keys", "{\"name\":\"browser-test\"}");
        return (String) object(key.body()).get("key");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String json) {
        Map<String, Object> object = new Json().toType(json, Map.class);
        return object;
    }

    private static HttpResponse<String> send(String method, String path, String json, String authorization) {
        var request = HttpRequest.newBuilder(URI.create(ConsoleBrowserIT.BASE_URL + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(60));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
