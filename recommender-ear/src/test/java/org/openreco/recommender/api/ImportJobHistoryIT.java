package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The clean-up of JBeret's job history: job executions (with their steps and instance) of imports that
 * ended more than the retention ago are removed, recent ones and those of restartable imports stay, and
 * the imports' own records and error reports are untouched.
 */
class ImportJobHistoryIT {

    @Test
    void old_job_history_goes_recent_and_restartable_history_stays() throws SQLException {
        String catalogue = ImportsApiIT.newCatalogue("history");
        long old = importOnce(catalogue);
        long oldButRestartable = importOnce(catalogue);
        long recent = importOnce(catalogue);
        long oldExecution = executionOf(old);
        long restartableExecution = executionOf(oldButRestartable);
        long recentExecution = executionOf(recent);
        // 40 days back in time; the second stands for a failed import that can still be restarted
        update("update job_execution set endtime = endtime - interval '40 days' where jobexecutionid in (?, ?)",
                oldExecution, restartableExecution);
        update("update import_run set restartable = true where id = ?", oldButRestartable);

        var purged = Api.post("/api/v1/imports/job-history/purge", "");
        assertEquals(200, purged.status(), purged.body());
        assertTrue(purged.json().getInt("removedJobExecutions") >= 1, purged.body());

        assertEquals(0L, rows("job_execution", oldExecution));
        assertEquals(0L, rows("step_execution", oldExecution));
        assertEquals(1L, rows("job_execution", restartableExecution));
        assertEquals(1L, rows("step_execution", restartableExecution));
        assertEquals(1L, rows("job_execution", recentExecution));
        assertEquals(1L, rows("step_execution", recentExecution));
        assertEquals(0L, Database.<Long>single("""
                select count(*) from job_instance i where not exists (select 1 from job_execution e where e.jobinstanceid = i.jobinstanceid)"""),
                "no job instance is left without its executions");
        // the import itself and its error report stay
        var status = Api.get("/api/v1/catalogues/" + catalogue + "/imports/" + old);
        assertEquals(200, status.status());
        assertEquals("completed", status.json().getString("status"));
        assertEquals(1, Api.get("/api/v1/catalogues/" + catalogue + "/imports/" + old + "/errors").array().size());
    }

    @Test
    void the_retention_must_be_a_number_of_days() {
        for (String days : new String[] {"0", "-3", "abc", "99999999"}) {
            var reply = Api.post("/api/v1/imports/job-history/purge?olderThanDays=" + days, "");
            assertEquals(400, reply.status(), days + ": " + reply.body());
            assertEquals("olderThanDays", reply.json().getString("field"), reply.body());
        }
    }

    private static long importOnce(String catalogue) {
        var status = ImportsApiIT.await(catalogue, ImportsApiIT.upload(catalogue,
                "{\"kind\":\"items\",\"format\":\"csv\",\"dryRun\":true}", "one.csv", "externalId,title\na1,Lamp\na2,\n"));
        assertEquals("completed", status.getString("status"), status.toString());
        return status.getJsonNumber("id").longValue();
    }

    private static long executionOf(long importId) {
        return Database.<Long>single("select job_execution_id from import_run where id = ?", importId);
    }

    private static long rows(String table, long execution) {
        return Database.<Long>single("select count(*) from " + table + " where jobexecutionid = ?", execution);
    }

    private static void update(String sql, Object... parameters) throws SQLException {
        try (var db = ImportsApiIT.database(); var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertTrue(statement.executeUpdate() > 0, sql);
        }
    }
}
