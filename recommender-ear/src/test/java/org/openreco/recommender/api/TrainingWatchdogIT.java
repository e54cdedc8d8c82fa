package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A training whose thread died without recording it (a crash inside the job, a lost node) is found by
 * the watchdog: no progress for longer than the limit (default 60 minutes) fails it at the next tick, and
 * the catalogue can be trained again instead of answering 409 for ever.
 */
class TrainingWatchdogIT {

    @Test
    void a_training_without_progress_for_too_long_is_failed_and_unblocks_the_catalogue() {
        String catalogue = ImportsApiIT.newCatalogue("watchdog");
        String base = "/api/v1/admin/catalogues/" + catalogue;
        long stalled = ((Number) Database.single("""
                insert into model_version (catalogue_id, algorithm, parameters, status, started_at, triggered_by, progress, progressed_at)
                select id, 'ials', '{}', 'training', now() - interval '2 days', 'api', '{"phase":"training"}', now() - interval '2 days'
                  from catalogue where name = ? returning id""", catalogue)).longValue();
        var blocked = Api.post(base + "/training", "{}");
        assertEquals(409, blocked.status(), "the dead training blocks its catalogue until the watchdog runs: " + blocked.body());

        var failed = TrainingApiIT.awaitFinished(base, stalled);

        assertEquals("failed", failed.getString("status"), failed.toString());
        assertTrue(failed.getString("error").contains("no progress"), failed.getString("error"));
        var next = Api.post(base + "/training", "{}");
        assertEquals(202, next.status(), next.body());
        TrainingApiIT.awaitFinished(base, next.json().getJsonNumber("id").longValue());
    }
}
