package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A storefront call waits on the database for its own short limits, not the long ones trainings and
 * imports need: with a lock held on what each call reads or writes, serving and the API-key look-up give up after
 * the request statement timeout and an event batch after the ingest one, each with 503, well before the
 * 30-second lock timeout; once the lock is gone the same calls succeed and nothing refused was stored.
 * The server runs with a 2 s request and a 6 s ingest statement timeout for this test.
 */
class RequestTimeoutsIT {

    @Test
    void serving_key_look_ups_and_ingest_give_up_after_their_statement_timeouts() throws Exception {
        ItServer.restart(Map.of("DB_REQUEST_STATEMENT_TIMEOUT_MS", "2000", "DB_INGEST_STATEMENT_TIMEOUT_MS", "6000"));
        try {
            var shop = Storefront.create("timeouts");
            var unused = Storefront.create("timeouts-key");
            assertEquals(200, shop.post("items:batch", """
                    [{"externalId":"lamp","title":"Desk lamp"},{"externalId":"chair","title":"Office chair"},
                     {"externalId":"desk","title":"Standing desk"}]""").status());
            assertEquals(200, shop.post("events", "{\"user\":\"known\",\"item\":\"lamp\",\"type\":\"view\"}").status());
            assertEquals(200, shop.get("users/warm/recommendations?n=3").status(), "the catalogue's serving state is loaded");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (Database.count("embedding_queue", shop.catalogue) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200); // re-embedding drains the marks of the first items and event
            }
            assertEquals(0, Database.count("embedding_queue", shop.catalogue), "the queue is drained");
            try (Connection db = ImportsApiIT.database()) {
                db.setAutoCommit(false);
                // the event's queue mark (drained above, so inserted anew) references the catalogue's row: it waits for this lock
                try (var lock = db.prepareStatement("select id from catalogue where name = ? for update")) {
                    lock.setString(1, shop.catalogue);
                    lock.executeQuery().close();
                }
                var ingested = timed(() -> shop.post("events", "{\"user\":\"known\",\"item\":\"lamp\",\"type\":\"click\"}"));
                assertRefusedWithin(ingested, Duration.ofSeconds(5), Duration.ofSeconds(15));
                db.rollback();

                // ranking for a user reads the user's row first
                db.createStatement().execute("lock table app_user in access exclusive mode");
                var served = timed(() -> shop.get("users/known/recommendations?n=3"));
                assertRefusedWithin(served, Duration.ofMillis(1_500), Duration.ofSeconds(5));
                db.rollback();

                // a key never looked up yet: its look-up reads api_key
                db.createStatement().execute("lock table api_key in access exclusive mode");
                var checked = timed(() -> unused.get("users/anyone/recommendations?n=3"));
                assertRefusedWithin(checked, Duration.ofMillis(1_500), Duration.ofSeconds(5));
                db.rollback();
            }
            assertEquals(200, shop.get("users/known/recommendations?n=3").status());
            assertEquals(200, unused.get("users/anyone/recommendations?n=3").status());
            assertEquals(1, Database.count("interaction", shop.catalogue), "the refused event was not stored");
            assertEquals(200, shop.post("events", "{\"user\":\"known\",\"item\":\"lamp\",\"type\":\"click\"}").status());
            assertEquals(2, Database.count("interaction", shop.catalogue));
        } finally {
            ItServer.restart(Map.of());
        }
    }

    private record Timed(Api.Reply reply, Duration took) {
    }

    private static Timed timed(Supplier<Api.Reply> call) {
        long started = System.nanoTime();
        var reply = call.get();
        return new Timed(reply, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void assertRefusedWithin(Timed call, Duration atLeast, Duration atMost) {
        assertEquals(503, call.reply().status(), call.reply().body());
        assertTrue(call.reply().body().contains("database_unavailable"), call.reply().body());
        assertTrue(call.took().compareTo(atLeast) >= 0 && call.took().compareTo(atMost) <= 0, "took " + call.took());
    }
}
