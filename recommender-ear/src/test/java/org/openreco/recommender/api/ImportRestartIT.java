package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An import survives a crash of the server: the MovieLens import is killed with the server (SIGKILL)
 * half-way through its ratings, reported failed and restartable once the server is back, restarted from
 * its last checkpoint, and ends with exactly the official counts. The server is up and deployed again
 * afterwards, whatever happens, for the tests that follow.
 */
class ImportRestartIT {

    static final long MOVIES = 9_742, USERS = 610, RATINGS = 100_836;

    @Test
    void an_import_interrupted_by_a_crash_is_restarted_from_its_checkpoint_and_ends_with_exact_counts() throws Exception {
        assumeTrue(Files.isReadable(ImportsApiIT.MOVIELENS.resolve("ratings.csv")), "MovieLens is absent from "
                + ImportsApiIT.MOVIELENS + ": this test needs it (set RECOMMENDER_DATASETS)");
        String catalogue = ImportsApiIT.newCatalogue("crash");
        ImportsApiIT.pauseEmbedding(catalogue);
        String path = "/api/v1/catalogues/" + catalogue + "/imports/";
        long id;
        try {
            var started = ImportsApiIT.start(catalogue, "{\"kind\":\"movielens\",\"path\":\"" + ImportsApiIT.importableMovieLens() + "\"}");
            id = started.getJsonNumber("id").longValue();
            JsonObject before = awaitRead(path + id, MOVIES + 10_000);
            assertEquals("running", before.getString("status"), "the import must still run when the server is killed: " + before);
            ItServer.kill();
            ItServer.ensureUp();

            var interrupted = Api.get(path + id).json();
            assertEquals("failed", interrupted.getString("status"), interrupted.toString());
            assertTrue(interrupted.getBoolean("restartable"), interrupted.toString());
            assertTrue(interrupted.getString("error").contains("server restart"), interrupted.toString());
            long checkpointed = interrupted.getJsonNumber("read").longValue();
            assertTrue(checkpointed > MOVIES && checkpointed < MOVIES + RATINGS, "progress up to the last checkpoint: " + interrupted);
        } finally {
            ItServer.ensureUp();
        }

        var restart = Api.post(path + id + "/restart", "");
        assertEquals(202, restart.status(), restart.body());
        assertEquals("running", restart.json().getString("status"));
        var done = ImportsApiIT.await(catalogue, restart.json());
        assertEquals("completed", done.getString("status"), done.toString());
        assertEquals(1, done.getInt("restarts"));
        // the chunks before the checkpoint are not read twice; a chunk cut off by the kill is (its records idempotent)
        assertEquals(MOVIES + RATINGS, done.getJsonNumber("read").longValue(), done.toString());
        assertEquals(MOVIES + RATINGS, done.getJsonNumber("written").longValue() + done.getJsonNumber("duplicates").longValue(), done.toString());
        assertEquals(MOVIES, ImportsApiIT.count("item", catalogue));
        assertEquals(USERS, ImportsApiIT.count("app_user", catalogue));
        assertEquals(RATINGS, ImportsApiIT.count("interaction", catalogue));

        var again = Api.post(path + id + "/restart", "");
        assertEquals(409, again.status(), "a completed import is not restarted: " + again.body());
        assertEquals("status", again.json().getString("field"));
        assertEquals(404, Api.post(path + "999999999/restart", "").status());
    }

    /** Polls until the import has read at least this many records (or has finished). */
    private static JsonObject awaitRead(String path, long records) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            var status = Api.get(path).json();
            if (status.getJsonNumber("read").longValue() >= records || status.containsKey("finishedAt") && !status.isNull("finishedAt")
                    || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(20);
        }
    }
}
