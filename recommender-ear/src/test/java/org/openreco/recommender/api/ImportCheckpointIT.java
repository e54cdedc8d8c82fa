package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An import's chunk commits its events together with its checkpoint. The test holds the import's row
 * locked, so a chunk stops at its checkpoint with its events written but not committed; then the server
 * is killed (SIGKILL) right there. Nothing of that chunk is left, and the restarted import ends with every
 * line of the file stored once, although the events carry no client event id to catch a second copy.
 */
class ImportCheckpointIT {

    static final int LINES = 20_000;

    @Test
    void a_crash_between_a_chunks_events_and_its_checkpoint_stores_no_event_twice() throws Exception {
        String catalogue = ImportsApiIT.newCatalogue("checkpoint");
        ImportsApiIT.pauseEmbedding(catalogue);
        var csv = new StringBuilder("user,item,type,occurredAt\n");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int line = 0; line < LINES; line++) {
            csv.append("u").append(line % 500).append(",p").append(line % 300).append(",view,")
                    .append(start.plusSeconds(line)).append('\n');
        }
        String path = "/api/v1/catalogues/" + catalogue + "/imports/";
        long id;
        try (var lock = ImportsApiIT.database()) {
            var started = ImportsApiIT.upload(catalogue, "{\"kind\":\"events\",\"format\":\"csv\",\"createMissingItems\":true}",
                    "events.csv", csv.toString());
            id = started.getJsonNumber("id").longValue();
            lock.setAutoCommit(false);
            try (var row = lock.prepareStatement("select id from import_run where id = ? for update")) {
                row.setLong(1, id);
                row.executeQuery().close();
            }
            try {
                awaitCheckpointWaiting(id);
                long committed = ImportsApiIT.count("interaction", catalogue);
                long checkpointed = Database.<Long>single("select written_count from import_run where id = ?", id);
                assertEquals(checkpointed, committed, "a chunk's events wait for its checkpoint");
                assertTrue(checkpointed < LINES, "the import is cut off part-way: " + checkpointed);
                ItServer.kill();
            } finally {
                lock.rollback();
            }
        } finally {
            ItServer.ensureUp();
        }

        var interrupted = Api.get(path + id).json();
        assertEquals("failed", interrupted.getString("status"), interrupted.toString());
        assertTrue(interrupted.getBoolean("restartable"), interrupted.toString());
        var restart = Api.post(path + id + "/restart", "");
        assertEquals(202, restart.status(), restart.body());
        var done = ImportsApiIT.await(catalogue, restart.json());
        assertEquals("completed", done.getString("status"), done.toString());
        assertEquals(LINES, done.getJsonNumber("written").longValue(), done.toString());
        assertEquals(LINES, ImportsApiIT.count("interaction", catalogue), "every line once");
        assertEquals(0L, (long) Database.<Long>single("""
                select count(*) from (select t.occurred_at from interaction t join catalogue c on c.id = t.catalogue_id
                                       where c.name = ? group by t.occurred_at having count(*) > 1) twice""", catalogue),
                "no line twice");
    }

    /** Until a server connection waits for the import's row: a chunk has reached its checkpoint. */
    private static void awaitCheckpointWaiting(long id) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Long waiting = Database.single("""
                    select count(*) from pg_stat_activity
                     where wait_event_type = 'Lock' and query like '%update import_run set read_count%'""");
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no chunk of import " + id + " reached its checkpoint");
    }
}
