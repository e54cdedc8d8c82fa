package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Waits on the database are bounded: a request that needs a row another session keeps locked gives up
 * after the lock timeout (DB_LOCK_TIMEOUT_MS, default 30 s) with 503 and Retry-After, instead of holding
 * its thread for as long as the lock is held; once the lock is gone the same request succeeds.
 */
class DatabaseTimeoutsIT {

    private static final String URL = System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");

    @Test
    void a_request_waiting_on_a_lock_gets_503_after_the_lock_timeout() throws Exception {
        String catalogue = ImportsApiIT.newCatalogue("locked");
        String training = "/api/v1/admin/catalogues/" + catalogue + "/training";
        try (var connection = DriverManager.getConnection(URL, System.getenv().getOrDefault("DB_USER", "recommender"),
                System.getenv().getOrDefault("DB_PASSWORD", "recommender"))) {
            connection.setAutoCommit(false);
            try (var lock = connection.prepareStatement("select id from catalogue where name = ? for update")) {
                lock.setString(1, catalogue);
                lock.executeQuery().close();
            }
            long started = System.nanoTime();
            var refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Api.BASE + training))
                    .timeout(Duration.ofSeconds(90)).header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + Api.ADMIN_PASSWORD).getBytes()))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            var waited = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("database_unavailable"), refused.body());
            assertEquals("5", refused.headers().firstValue("Retry-After").orElse(null));
            assertTrue(waited.compareTo(Duration.ofSeconds(25)) > 0 && waited.compareTo(Duration.ofSeconds(60)) < 0, "waited " + waited);
            connection.rollback();
        }
        assertEquals(0, Database.count("model_version", catalogue), "nothing half-started");
        var started = Api.post(training, "{}");
        assertEquals(202, started.status(), started.body());
        TrainingApiIT.awaitFinished("/api/v1/admin/catalogues/" + catalogue, started.json().getJsonNumber("id").longValue());
    }
}
