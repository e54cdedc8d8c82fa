package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;

/** What every error of the API must look like: RFC 9457 problem details plus the API's error, field and message. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** Asserts the reply is a problem of this status and, unless null, this error code; returns its members. */
    static JsonObject assertProblem(Api.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), reply.body());
        return assertProblem(reply.contentType(), reply.body(), status, error);
    }

    static JsonObject assertProblem(String contentType, String body, int status, String error) {
        assertTrue(contentType.startsWith(MEDIA_TYPE), contentType + ": " + body);
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(body))) {
            json = reader.readObject();
        }
        assertEquals(status, json.getInt("status"), body);
        assertNotNull(json.getString("title", null), body);
        assertFalse(json.getString("detail").isBlank(), body);
        assertEquals(json.getString("detail"), json.getString("message"), body);
        assertTrue(json.getString("instance").startsWith("/api/"), body);
        if (error != null) {
            assertEquals("tag:openreco.org,2026:problem:" + error, json.getString("type"), body);
            assertEquals(error, json.getString("error"), body);
        }
        assertFalse(body.contains("Exception") || body.contains("\tat "), "no exception leaks: " + body);
        return json;
    }
}
