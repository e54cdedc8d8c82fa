package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Import error reports are kept for a retention (default 90 days, purged every night, or now through
 * the admin API); an import's own record stays, and younger reports are untouched.
 */
class ErrorReportRetentionIT {

    private static final String BAD_ITEMS = """
            sku,name
            p1,Lamp
            p2,
            p3,
            """;

    @Test
    void error_reports_older_than_the_retention_are_removed_and_younger_ones_stay() {
        String catalogue = ImportsApiIT.newCatalogue("retention");
        var old = finishedImportWithErrors(catalogue);
        var young = finishedImportWithErrors(catalogue);
        long oldId = old.getJsonNumber("id").longValue();
        long youngId = young.getJsonNumber("id").longValue();
        Database.single("update import_run set started_at = now() - interval '101 days', finished_at = now() - interval '100 days' "
                + "where id = ? returning id", oldId);

        var purged = Api.post("/api/v1/imports/error-reports/purge?olderThanDays=90", "");

        assertEquals(200, purged.status(), purged.body());
        assertTrue(purged.json().getInt("removedErrorLines") >= 2, purged.body());
        String base = "/api/v1/catalogues/" + catalogue + "/imports/";
        assertEquals(0, Api.get(base + oldId + "/errors").array().size());
        assertEquals(2, Api.get(base + youngId + "/errors").array().size());
        assertEquals(200, Api.get(base + oldId).status(), "the import's record stays");
        assertEquals(400, Api.post("/api/v1/imports/error-reports/purge?olderThanDays=0", "").status());
    }

    private static JsonObject finishedImportWithErrors(String catalogue) {
        var status = ImportsApiIT.await(catalogue, ImportsApiIT.upload(catalogue,
                "{\"kind\":\"items\",\"format\":\"csv\",\"dryRun\":true,\"mapping\":{\"sku\":\"externalId\",\"name\":\"title\"}}",
                "bad.csv", BAD_ITEMS));
        assertEquals(2, status.getJsonNumber("rejected").longValue(), status.toString());
        return status;
    }
}
