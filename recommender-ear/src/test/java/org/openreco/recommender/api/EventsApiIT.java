package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storefront event endpoints of the deployed EAR: every answer is checked, and so are the rows
 * of the test's own catalogue in the real database afterwards (interactions, users, items, queue).
 * Storefront calls carry an API key of the catalogue, created through the admin API; on a server
 * without the key endpoint (404) they go without one, the events endpoints being open there.
 */
class EventsApiIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String DB_URL = env("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");

    String catalogue;
    String events;
    String apiKey;

    @BeforeEach
    void createCatalogueWithItems() throws SQLException {
        catalogue = "events-" + UUID.randomUUID().toString().substring(0, 8);
        var created = Api.post("/api/v1/catalogues", "{\"name\":\"" + catalogue + "\"}");
        assertEquals(201, created.status(), created.body());
        events = "/api/v1/catalogues/" + catalogue + "/events";
        var key = Api.post("/api/v1/catalogues/" + catalogue + "/api-keys", "{\"name\":\"events-it\"}");
        apiKey = key.status() == 201 ? key.json().getString("key") : null;
        // items come from engineer A's item API once it is on main; until then straight into the table
        update("insert into item (catalogue_id, external_id, title) select c.id, x, 'Item ' || x"
                + " from catalogue c, unnest(array['i1','i2','i3']) x where c.name = ?", catalogue);
    }

    @Test
    void one_event_is_stored_with_its_weight_its_user_is_created_and_enqueued() throws SQLException {
        var reply = post(events, "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"purchase\",\"value\":2,"
                + "\"timestamp\":\"2024-05-01T12:00:00Z\",\"clientEventId\":\"e-1\"}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("accepted", reply.json().getString("status"));
        assertEquals(1, count("interaction"));
        assertEquals(1, count("app_user"));
        assertEquals("u1|i1|purchase|2|8|2024-05-01T12:00:00Z|e-1", single("""
                select u.external_id || '|' || i.external_id || '|' || e.type || '|' || e.value || '|' || e.weight
                       || '|' || to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '|' || e.client_event_id
                from interaction e join app_user u on u.id = e.user_id join item i on i.id = e.item_id
                where e.catalogue_id = (select id from catalogue where name = ?)"""));
        assertEquals(1, queued("u1"));
    }

    @Test
    void a_low_rating_is_stored_with_a_negative_weight_and_an_event_without_time_happened_now() throws SQLException {
        var before = Instant.now().minusSeconds(5);
        var reply = post(events, "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"rating\",\"value\":1}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("-1.5", single("select weight::text from interaction where catalogue_id = (select id from catalogue where name = ?)"));
        var at = Instant.parse(single("select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " from interaction where catalogue_id = (select id from catalogue where name = ?)"));
        assertTrue(at.isAfter(before) && at.isBefore(Instant.now().plusSeconds(5)), at.toString());
    }

    @Test
    void a_batch_reports_each_element_and_stores_exactly_the_accepted_ones() throws SQLException {
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        var reply = post(events + ":batch", "[" + String.join(",",
                "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"clientEventId\":\"a\"}",      // 0 accepted
                "{\"user\":\"u2\",\"item\":\"i2\",\"type\":\"like\"}",                                // 1 accepted
                "{\"user\":\"u3\",\"item\":\"nope\",\"type\":\"view\"}",                              // 2 unknown item
                "{\"user\":\"u4\",\"item\":\"i1\",\"type\":\"teleport\"}",                            // 3 unknown type
                "{\"user\":\"u5\",\"item\":\"i1\",\"type\":\"purchase\",\"value\":-3}",               // 4 negative
                "{\"user\":\"u6\",\"item\":\"i1\",\"type\":\"view\",\"value\":1e400}",                // 5 infinite
                "{\"user\":\"u7\",\"item\":\"i1\",\"type\":\"rating\",\"value\":1000}",               // 6 absurd rating
                "{\"user\":\"u8\",\"item\":\"i1\",\"type\":\"view\",\"timestamp\":\"" + future + "\"}", // 7 future
                "{\"user\":\"u9\",\"item\":\"i1\",\"type\":\"view\",\"value\":\"NaN\"}",              // 8 wrong type
                "{\"user\":42,\"item\":\"i1\",\"type\":\"view\"}",                                    // 9 wrong type
                "{\"user\":\"u1\",\"item\":\"i3\",\"type\":\"view\",\"clientEventId\":\"a\"}",      // 10 duplicate in batch
                "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"colour\":\"red\"}",           // 11 unknown field
                "\"not an object\"",                                                              // 12
                "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"rating\"}",                              // 13 rating without value
                "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"timestamp\":\"yesterday\"}")    // 14 bad time
                + "]");
        assertEquals(200, reply.status(), reply.body());
        var json = reply.json();
        assertEquals(2, json.getInt("accepted"), reply.body());
        assertEquals(1, json.getInt("duplicates"));
        assertEquals(12, json.getInt("rejected"));
        assertEquals(List.of("0 accepted", "1 accepted", "2 rejected item", "3 rejected type", "4 rejected value",
                "5 rejected value", "6 rejected value", "7 rejected timestamp", "8 rejected value", "9 rejected user",
                "10 duplicate", "11 rejected colour", "12 rejected event", "13 rejected value", "14 rejected timestamp"),
                json.getJsonArray("elements").getValuesAs(JsonObject.class).stream()
                        .map(r -> (r.getInt("index") + " " + r.getString("status") + " " + r.getString("field", "")).strip())
                        .toList());
        assertTrue(json.getJsonArray("elements").getJsonObject(2).getString("reason").contains("nope"));
        assertEquals(2, count("interaction"));
        assertEquals(2, count("app_user"), "users of rejected events are not created");
        assertEquals(3, count("item"), "unknown items are not created");
        assertEquals(1, queued("u1"));
        assertEquals(1, queued("u2"));
        assertEquals(2, queuedUsers());
    }

    @Test
    void a_re_sent_client_event_id_is_a_duplicate_and_not_stored_twice() throws SQLException {
        String event = "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"click\",\"clientEventId\":\"click-77\"}";
        assertEquals("accepted", post(events, event).json().getString("status"));
        var again = post(events, event);
        assertEquals(200, again.status(), again.body());
        assertEquals("duplicate", again.json().getString("status"));
        var batch = post(events + ":batch", "[" + event + ",{\"user\":\"u1\",\"item\":\"i2\",\"type\":\"click\",\"clientEventId\":\"click-78\"}]");
        assertEquals(200, batch.status(), batch.body());
        assertEquals(1, batch.json().getInt("duplicates"));
        assertEquals(1, batch.json().getInt("accepted"));
        assertEquals("duplicate", batch.json().getJsonArray("elements").getJsonObject(0).getString("status"));
        assertEquals(2, count("interaction"));
    }

    @Test
    void unknown_items_are_created_when_the_request_asks_for_it() throws SQLException {
        String batch = "[{\"user\":\"u1\",\"item\":\"new-1\",\"type\":\"view\"},{\"user\":\"u2\",\"item\":\"new-1\",\"type\":\"like\"}]";
        var refused = post(events + ":batch", batch);
        Problems.assertProblem(refused, 400, "invalid");
        assertEquals(2, refused.json().getInt("rejected"));
        assertEquals("[0].item", refused.json().getString("field"));
        assertEquals(0, count("interaction"));
        assertEquals(0, count("app_user"));

        var byQuery = post(events + ":batch?createMissingItems=true", batch);
        assertEquals(2, byQuery.json().getInt("accepted"), byQuery.body());
        var byBody = post(events + ":batch", "{\"createMissingItems\":true,\"events\":[{\"user\":\"u3\",\"item\":\"new-2\",\"type\":\"view\"}]}");
        assertEquals(1, byBody.json().getInt("accepted"), byBody.body());
        assertEquals(5, count("item"));
        assertEquals("new-1", single("select title from item where external_id = 'new-1' and catalogue_id = (select id from catalogue where name = ?)"));
        assertEquals(3, count("interaction"));
        assertEquals(3, count("app_user"));
        // marked for embedding: still queued, or already embedded by the pipeline (which drains every second)
        assertEquals("2", single("select count(*)::text from item i where i.external_id like 'new-%'"
                + " and (exists (select 1 from embedding_queue q where q.kind = 'item' and q.entity_id = i.id)"
                + "      or exists (select 1 from item_vector_minilm v where v.item_id = i.id))"
                + " and i.catalogue_id = (select id from catalogue where name = ?)"));
    }

    @Test
    void a_single_event_that_is_rejected_answers_400_naming_the_field_and_writes_nothing() throws SQLException {
        for (var body : List.of(
                "{\"user\":\"u1\",\"item\":\"nope\",\"type\":\"view\"}",
                "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"value\":-1}",
                "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"timestamp\":\"2999-01-01T00:00:00Z\"}",
                "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"fly\"}",
                "{\"user\":[],\"item\":\"i1\",\"type\":\"view\"}",
                "{\"item\":\"i1\",\"type\":\"view\"}")) {
            var reply = post(events, body);
            assertEquals(400, reply.status(), body + ": " + reply.body());
            assertEquals("invalid", reply.json().getString("error"));
            assertFalse(reply.json().getString("field").isEmpty());
        }
        assertEquals(List.of("item", "value", "timestamp", "type", "user", "user"), List.of(
                field("{\"user\":\"u1\",\"item\":\"nope\",\"type\":\"view\"}"),
                field("{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"value\":-1}"),
                field("{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"timestamp\":\"2999-01-01T00:00:00Z\"}"),
                field("{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"fly\"}"),
                field("{\"user\":[],\"item\":\"i1\",\"type\":\"view\"}"),
                field("{\"item\":\"i1\",\"type\":\"view\"}")));
        assertEquals(0, count("interaction"));
        assertEquals(0, count("app_user"));
        assertEquals(0, queuedUsers());
    }

    @Test
    void malformed_json_is_refused_whole_with_a_json_error() throws SQLException {
        for (var path : List.of(events, events + ":batch")) {
            var reply = post(path, "[{\"user\":\"u1\",\"item\":\"i1\",");
            assertEquals(400, reply.status(), reply.body());
            assertEquals("malformed_json", reply.json().getString("error"));
            assertFalse(reply.body().contains("Exception"), reply.body());
        }
        var notAnArray = post(events + ":batch", "{\"user\":\"u1\"}");
        assertEquals(400, notAnArray.status(), notAnArray.body());
        assertEquals("events", notAnArray.json().getString("field"));
        var empty = post(events + ":batch", "[]");
        assertEquals(400, empty.status(), empty.body());
        assertEquals("events", empty.json().getString("field"));
        assertEquals(0, count("interaction"));
    }

    @Test
    void a_batch_over_ten_thousand_events_or_over_the_body_limit_is_refused_whole() throws SQLException {
        String event = "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\"}";
        var tooMany = post(events + ":batch", IntStream.range(0, 10_001).mapToObj(i -> event)
                .collect(Collectors.joining(",", "[", "]")));
        assertEquals(400, tooMany.status(), tooMany.body());
        assertEquals("events", tooMany.json().getString("field"));
        assertTrue(tooMany.json().getString("message").contains("10000"), tooMany.body());

        String padded = "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"clientEventId\":\"" + "x".repeat(900) + "\"}";
        var tooLarge = post(events + ":batch", IntStream.range(0, 10_000).mapToObj(i -> padded)
                .collect(Collectors.joining(",", "[", "]")));
        assertEquals(413, tooLarge.status(), tooLarge.body().substring(0, Math.min(300, tooLarge.body().length())));
        Problems.assertProblem(tooLarge, 413, "payload_too_large");
        assertEquals(0, count("interaction"));
        assertEquals(0, count("app_user"));
    }

    @Test
    void ten_thousand_events_in_one_batch_are_all_stored() throws SQLException {
        var batch = new ArrayList<String>();
        for (int i = 0; i < 10_000; i++) {
            batch.add("{\"user\":\"u" + (i % 500) + "\",\"item\":\"i" + (1 + i % 3) + "\",\"type\":\"view\",\"clientEventId\":\"c" + i + "\"}");
        }
        var reply = post(events + ":batch", "[" + String.join(",", batch) + "]");
        assertEquals(200, reply.status(), reply.body().substring(0, Math.min(300, reply.body().length())));
        assertEquals(10_000, reply.json().getInt("accepted"));
        assertEquals(10_000, count("interaction"));
        assertEquals(500, count("app_user"));
        assertEquals(500, queuedUsers());
    }

    @Test
    void the_same_batch_sent_four_times_at_once_is_stored_once_and_creates_each_new_user_once() throws Exception {
        String batch = IntStream.range(0, 500).mapToObj(i -> "{\"user\":\"new-u" + (i % 50) + "\",\"item\":\"i" + (1 + i % 3)
                + "\",\"type\":\"click\",\"clientEventId\":\"race-" + i + "\"}").collect(Collectors.joining(",", "[", "]"));
        var replies = new ArrayList<java.util.concurrent.Future<Api.Reply>>();
        try (var senders = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                replies.add(senders.submit(() -> post(events + ":batch", batch)));
            }
        }
        long accepted = 0;
        long duplicates = 0;
        for (var reply : replies) {
            assertEquals(200, reply.get().status(), reply.get().body());
            accepted += reply.get().json().getInt("accepted");
            duplicates += reply.get().json().getInt("duplicates");
        }
        assertEquals(500, accepted);
        assertEquals(1500, duplicates);
        assertEquals(500, count("interaction"));
        assertEquals(50, count("app_user"));
        assertEquals(50, queuedUsers());
    }

    @Test
    void events_of_an_unknown_catalogue_answer_404() {
        var reply = post("/api/v1/catalogues/no-such-" + UUID.randomUUID() + "/events",
                "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\"}");
        assertEquals(404, reply.status(), reply.body());
    }

    /** A storefront call: with the catalogue's API key when there is one. */
    private Api.Reply post(String path, String json) {
        if (apiKey == null) {
            return Api.post(path, json);
        }
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(Api.BASE + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String field(String body) {
        return post(events, body).json().getString("field");
    }

    private long count(String table) throws SQLException {
        return Long.parseLong(single("select count(*)::text from " + table + " where catalogue_id = (select id from catalogue where name = ?)"));
    }

    /**
     * Users marked dirty by their events: still queued, or already folded by the re-embedding pipeline
     * (which drains every second; it deletes a mark in the transaction that writes the user's vector row,
     * so one of the two is always visible). Only users: items are marked by a trigger when inserted.
     */
    private long queuedUsers() throws SQLException {
        return Long.parseLong(single("select count(*)::text from app_user u where " + MARKED_USER
                + " and u.catalogue_id = (select id from catalogue where name = ?)"));
    }

    private long queued(String user) throws SQLException {
        return Long.parseLong(single("select count(*)::text from app_user u where " + MARKED_USER
                + " and u.external_id = '" + user + "' and u.catalogue_id = (select id from catalogue where name = ?)"));
    }

    private static final String MARKED_USER = "(exists (select 1 from embedding_queue q where q.kind = 'user' and q.entity_id = u.id)"
            + " or exists (select 1 from user_vector_minilm v where v.user_id = u.id))";

    private String single(String sql) throws SQLException {
        try (Connection c = connect(); var statement = c.prepareStatement(sql)) {
            statement.setString(1, catalogue);
            try (var result = statement.executeQuery()) {
                assertTrue(result.next(), sql);
                return result.getString(1);
            }
        }
    }

    private static void update(String sql, String parameter) throws SQLException {
        try (Connection c = connect(); var statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(DB_URL, env("DB_USER", "recommender"), env("DB_PASSWORD", "recommender"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
