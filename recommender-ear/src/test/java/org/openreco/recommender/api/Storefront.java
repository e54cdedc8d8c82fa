package org.openreco.recommender.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * A storefront of one catalogue for the black-box tests: creates the catalogue and an API key through
 * the admin API, then calls the storefront API with that key ({@code Authorization: Bearer}).
 */
final class Storefront {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String catalogue;
    final String key;
    final String prefix;

    private Storefront(String catalogue, String key, String prefix) {
        this.catalogue = catalogue;
        this.key = key;
        this.prefix = prefix;
    }

    /** A new catalogue with a unique name built from the prefix, and a key to it. */
    static Storefront create(String namePrefix) {
        String name = namePrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        var created = Api.post("/api/v1/catalogues", "{\"name\":\"" + name + "\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create catalogue " + name + ": " + created.body());
        }
        var key = Api.post("/api/v1/catalogues/" + name + "/api-keys", "{\"name\":\"tests\"}");
        if (key.status() != 201) {
            throw new IllegalStateException("cannot create a key for " + name + ": " + key.body());
        }
        return new Storefront(name, key.json().getString("key"), key.json().getString("prefix"));
    }

    /** Calls to any catalogue name, existing or not, with the key. */
    static Storefront of(String catalogue, String key) {
        return new Storefront(catalogue, key, null);
    }

    /** The same catalogue, called with another key (null: none). */
    Storefront withKey(String otherKey) {
        return new Storefront(catalogue, otherKey, null);
    }

    /** path is relative to /api/v1/catalogues/{catalogue}/ */
    Api.Reply get(String path) {
        return send(request(path).GET());
    }

    Api.Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Api.Reply put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Api.Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Api.Reply post(String path, HttpRequest.BodyPublisher body) {
        return send(request(path).header("Content-Type", "application/json").POST(body));
    }

    private HttpRequest.Builder request(String path) {
        var request = HttpRequest.newBuilder(URI.create(Api.BASE + "/api/v1/catalogues/" + catalogue + "/" + path));
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    private static Api.Reply send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
