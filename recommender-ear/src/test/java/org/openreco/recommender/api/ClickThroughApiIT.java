package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Click-through over HTTP: answers of the storefront API log their impressions, events that carry an
 * answer's request id are its clicks, and the admin reads impressions, clicks and CTR per day and source.
 * The expected figures are counted here from the answers themselves.
 */
class ClickThroughApiIT {

    @Test
    void events_carrying_an_answers_request_id_count_as_clicks_of_its_impressions_per_source() {
        var shop = Storefront.create("ctr");
        try {
            var items = shop.post("items:batch", """
                    [{"externalId":"lamp","title":"Desk lamp"},{"externalId":"chair","title":"Office chair"},
                     {"externalId":"desk","title":"Standing desk"}]""");
            assertEquals(200, items.status(), items.body());

            var first = shop.get("users/visitor/recommendations?n=3");
            var second = shop.get("users/guest/recommendations?n=3");
            assertEquals(200, first.status(), first.body());
            assertEquals(200, second.status(), second.body());
            var firstItems = first.json().getJsonArray("items");
            String requestId = first.json().getString("requestId");
            assertTrue(firstItems.size() >= 2, first.body());

            // impressions per source, counted from the two answers
            Map<String, Integer> shown = new HashMap<>();
            for (var answer : List.of(first, second)) {
                answer.json().getJsonArray("items").getValuesAs(JsonObject.class)
                        .forEach(item -> shown.merge(item.getString("source"), 1, Integer::sum));
            }
            var clicked = firstItems.getJsonObject(0);
            var disliked = firstItems.getJsonObject(1);
            // a click and a like on the first shown item (one clicked impression), a dislike of the second
            // (negative weight: no click), and a click on an item of the first answer under no request id
            var events = shop.post("events:batch", """
                    [{"user":"visitor","item":"%1$s","type":"click","requestId":"%3$s"},
                     {"user":"visitor","item":"%1$s","type":"like","requestId":"%3$s"},
                     {"user":"visitor","item":"%2$s","type":"dislike","requestId":"%3$s"},
                     {"user":"guest","item":"%2$s","type":"click"}]"""
                    .formatted(clicked.getString("itemId"), disliked.getString("itemId"), requestId));
            assertEquals(200, events.status(), events.body());

            var report = Api.get("/api/v1/admin/catalogues/" + shop.catalogue + "/ctr?days=7");
            assertEquals(200, report.status(), report.body());
            var today = LocalDate.now(ZoneOffset.UTC);
            assertEquals(today.toString(), report.json().getString("to"), report.body());
            assertEquals(today.minusDays(6).toString(), report.json().getString("from"), report.body());
            var rows = report.json().getJsonArray("days").getValuesAs(JsonObject.class);
            assertEquals(shown.size(), rows.size(), report.body());
            for (var row : rows) {
                String source = row.getString("source");
                int clicks = source.equals(clicked.getString("source")) ? 1 : 0;
                assertEquals(today.toString(), row.getString("day"), report.body());
                assertEquals(shown.get(source), row.getInt("impressions"), report.body());
                assertEquals(clicks, row.getInt("clicks"), report.body());
                assertEquals(clicks / (double) shown.get(source), row.getJsonNumber("ctr").doubleValue(), 1e-12, report.body());
            }
        } finally {
            Api.delete("/api/v1/catalogues/" + shop.catalogue);
        }
    }

    @Test
    void days_outside_one_to_365_are_refused_naming_days_and_an_unknown_catalogue_is_404() {
        var shop = Storefront.create("ctr-bad");
        try {
            for (String days : List.of("0", "366", "-3", "thirty")) {
                var reply = Api.get("/api/v1/admin/catalogues/" + shop.catalogue + "/ctr?days=" + days);
                assertEquals(400, reply.status(), days + ": " + reply.body());
                assertEquals("days", reply.json().getString("field"), reply.body());
            }
            var defaults = Api.get("/api/v1/admin/catalogues/" + shop.catalogue + "/ctr");
            assertEquals(200, defaults.status(), defaults.body());
            assertEquals(LocalDate.now(ZoneOffset.UTC).minusDays(29).toString(), defaults.json().getString("from"));
            assertEquals(0, defaults.json().getJsonArray("days").size());

            assertEquals(404, Api.get("/api/v1/admin/catalogues/no-such-" + shop.catalogue + "/ctr").status());
            assertEquals(401, Api.as(null, null, "/api/v1/admin/catalogues/" + shop.catalogue + "/ctr").status());
        } finally {
            Api.delete("/api/v1/catalogues/" + shop.catalogue);
        }
    }
}
