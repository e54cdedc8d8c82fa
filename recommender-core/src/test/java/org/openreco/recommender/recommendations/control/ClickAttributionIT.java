package org.openreco.recommender.recommendations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.platform.Fixture;
import org.openreco.recommender.platform.TestDatabase;
import org.openreco.recommender.recommendations.control.ClickAttribution.Day;

/**
 * Click-through from hand-made impressions and events on the real database: which events count as a
 * click of which impression, and on which UTC day. The expected counts are worked out by hand in the
 * comments next to the rows.
 */
class ClickAttributionIT {

    /** A fixed "today", so that no test run straddles midnight. */
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final LocalDate YESTERDAY = TODAY.minusDays(1);

    @BeforeAll
    static void migrate() {
        TestDatabase.migrate();
    }

    @Test
    void counts_each_impression_once_when_an_event_with_its_request_and_item_and_a_positive_weight_follows_it()
            throws SQLException {
        try (Connection connection = TestDatabase.connect(); var shop = Fixture.catalogue(connection);
                var other = Fixture.catalogue(connection)) {
            long user = shop.user("u1");
            long a = shop.item("a");
            long b = shop.item("b");
            long c = shop.item("c");
            var rows = new Rows(connection, shop.id(), user);

            // today, content: a, b, c shown at midnight UTC (the day's first instant belongs to it)
            UUID r1 = UUID.randomUUID();
            var midnight = at(TODAY, 0, 0, 0);
            rows.impressions(r1, "content", midnight, a, b, c);
            rows.event(a, r1, 1, midnight.plusMinutes(1));          // a clicked
            rows.event(a, r1, 3, midnight.plusMinutes(2));          // a again: still one clicked impression
            rows.event(b, r1, -1, midnight.plusMinutes(1));         // b disliked: a negative weight is no click
            rows.event(c, null, 1, midnight.plusMinutes(1));        // c liked without the request id: not attributed
            // -> today/content: 3 impressions, 1 click

            // today, trending: a, b
            UUID r2 = UUID.randomUUID();
            var eleven = at(TODAY, 11, 0, 0);
            rows.impressions(r2, "trending", eleven, a, b);
            rows.event(b, r2, 1, eleven.minusHours(1));             // received before it was shown: no click
            rows.event(a, r2, 2, at(TODAY.plusDays(1), 5, 0, 0));   // clicked the next day: counts for the day shown
            // -> today/trending: 2 impressions, 1 click

            // yesterday's last second, content: a, b
            UUID r3 = UUID.randomUUID();
            var late = at(YESTERDAY, 23, 59, 59);
            rows.impressions(r3, "content", late, a, b);
            rows.event(b, r3, 1, late.plusSeconds(30));             // b clicked
            rows.event(c, r3, 1, late.plusSeconds(30));             // c was not shown in r3: nothing to attribute
            // -> yesterday/content: 2 impressions, 1 click

            // two days ago, content: a, not clicked; only in a three-day window
            rows.impressions(UUID.randomUUID(), "content", at(TODAY.minusDays(2), 12, 0, 0), a);
            // tomorrow (after "today"): in no window
            rows.impressions(UUID.randomUUID(), "content", at(TODAY.plusDays(1), 0, 0, 0), a);
            // another catalogue's impression today: not this catalogue's
            long otherUser = other.user("u1");
            long otherItem = other.item("a");
            new Rows(connection, other.id(), otherUser).impressions(r1, "content", midnight, otherItem);

            var attribution = new ClickAttribution(connection);
            assertEquals(List.of(
                    new Day(YESTERDAY, "content", 2, 1),
                    new Day(TODAY, "content", 3, 1),
                    new Day(TODAY, "trending", 2, 1)), attribution.daily(shop.id(), TODAY, 2));
            assertEquals(List.of(
                    new Day(TODAY.minusDays(2), "content", 1, 0),
                    new Day(YESTERDAY, "content", 2, 1),
                    new Day(TODAY, "content", 3, 1),
                    new Day(TODAY, "trending", 2, 1)), attribution.daily(shop.id(), TODAY, 3));
            assertEquals(List.of(
                    new Day(TODAY, "content", 3, 1),
                    new Day(TODAY, "trending", 2, 1)), attribution.daily(shop.id(), TODAY, 1));
            assertEquals(List.of(), attribution.daily(shop.id(), TODAY.minusDays(10), 5));
        }
    }

    private static OffsetDateTime at(LocalDate day, int hour, int minute, int second) {
        return day.atTime(hour, minute, second).atOffset(ZoneOffset.UTC);
    }

    /** Writes impression and interaction rows of one catalogue and user, with the times given. */
    private record Rows(Connection connection, long catalogue, long user) {

        void impressions(UUID request, String source, OffsetDateTime shownAt, long... items) throws SQLException {
            try (var ps = connection.prepareStatement("""
                    insert into impression_list (catalogue_id, request_id, user_id, item_ids, sources, scores, shown_at)
                    values (?, ?, ?, ?, array_fill(?::text, array[?]), array_fill(null::float8, array[?]), ?)""")) {
                ps.setLong(1, catalogue);
                ps.setObject(2, request);
                ps.setLong(3, user);
                ps.setArray(4, connection.createArrayOf("bigint", Arrays.stream(items).boxed().toArray()));
                ps.setString(5, source);
                ps.setInt(6, items.length);
                ps.setInt(7, items.length);
                ps.setObject(8, shownAt);
                ps.executeUpdate();
            }
        }

        void event(long item, UUID request, double weight, OffsetDateTime receivedAt) throws SQLException {
            try (var ps = connection.prepareStatement("""
                    insert into interaction (catalogue_id, user_id, item_id, type, weight, occurred_at, received_at, request_id)
                    values (?, ?, ?, 'click', ?, ?, ?, ?)""")) {
                ps.setLong(1, catalogue);
                ps.setLong(2, user);
                ps.setLong(3, item);
                ps.setDouble(4, weight);
                ps.setObject(5, receivedAt);
                ps.setObject(6, receivedAt);
                ps.setObject(7, request);
                ps.executeUpdate();
            }
        }
    }
}
