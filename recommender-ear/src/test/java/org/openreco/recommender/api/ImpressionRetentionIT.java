package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The impression log is kept for a retention (whole UTC days, purged every night, or now through the
 * admin API): answers shown before the kept days go, younger ones stay, and the click-through of the
 * kept days reads the same before and after.
 */
class ImpressionRetentionIT {

    @Test
    void impressions_before_the_kept_days_go_and_the_kept_days_ctr_is_unchanged() {
        var shop = Storefront.create("impressions");
        try {
            var items = shop.post("items:batch", """
                    [{"externalId":"lamp","title":"Desk lamp"},{"externalId":"chair","title":"Office chair"},
                     {"externalId":"desk","title":"Standing desk"}]""");
            assertEquals(200, items.status(), items.body());
            String old = clickedAnswer(shop, "old");
            String recent = clickedAnswer(shop, "recent");
            String today = clickedAnswer(shop, "today");
            long oldShown = backdate(old, 100);
            long recentShown = backdate(recent, 10);
            long todayShown = Database.<Long>single("select count(*) from impression where request_id = ?", UUID.fromString(today));
            String ctr = "/api/v1/admin/catalogues/" + shop.catalogue + "/ctr?days=30";
            var before = Api.get(ctr);
            assertEquals(200, before.status(), before.body());

            var purged = Api.post("/api/v1/admin/catalogues/" + shop.catalogue + "/impressions/purge?olderThanDays=30", "");

            assertEquals(200, purged.status(), purged.body());
            assertEquals(oldShown, purged.json().getJsonNumber("removedImpressions").longValue(), purged.body());
            assertEquals(recentShown + todayShown, Database.count("impression", shop.catalogue));
            assertEquals(0L, (long) Database.<Long>single("select count(*) from impression where request_id = ?", UUID.fromString(old)));
            assertEquals(before.json(), Api.get(ctr).json(), "the kept days' click-through");
            assertEquals(3, Database.count("interaction", shop.catalogue), "the clicks themselves stay");
        } finally {
            Api.delete("/api/v1/catalogues/" + shop.catalogue);
        }
    }

    @Test
    void a_retention_outside_one_to_36500_days_is_refused_naming_olderThanDays() {
        var shop = Storefront.create("impressions-bad");
        try {
            for (String days : new String[] {"0", "36501", "-1", "soon"}) {
                var reply = Api.post("/api/v1/admin/catalogues/" + shop.catalogue + "/impressions/purge?olderThanDays=" + days, "");
                assertEquals(400, reply.status(), days + ": " + reply.body());
                assertEquals("olderThanDays", reply.json().getString("field"), reply.body());
            }
            var defaults = Api.post("/api/v1/admin/catalogues/" + shop.catalogue + "/impressions/purge", "");
            assertEquals(200, defaults.status(), defaults.body());
            assertEquals(404, Api.post("/api/v1/admin/catalogues/no-such-" + shop.catalogue + "/impressions/purge", "").status());
        } finally {
            Api.delete("/api/v1/catalogues/" + shop.catalogue);
        }
    }

    /** A user's answer whose first item is clicked; its request id. */
    private static String clickedAnswer(Storefront shop, String user) {
        var answer = shop.get("users/" + user + "/recommendations?n=3");
        assertEquals(200, answer.status(), answer.body());
        String requestId = answer.json().getString("requestId");
        String item = answer.json().getJsonArray("items").getJsonObject(0).getString("itemId");
        var click = shop.post("events", "{\"user\":\"%s\",\"item\":\"%s\",\"type\":\"click\",\"requestId\":\"%s\"}"
                .formatted(user, item, requestId));
        assertEquals(200, click.status(), click.body());
        return requestId;
    }

    /** Moves an answer's impressions that many days back (its click stays later than them); how many it showed. */
    private static long backdate(String requestId, int days) {
        Database.single("update impression_list set shown_at = shown_at - make_interval(days => ?) where request_id = ? returning 1",
                days, UUID.fromString(requestId));
        return Database.<Long>single("select count(*) from impression where request_id = ?", UUID.fromString(requestId));
    }
}
