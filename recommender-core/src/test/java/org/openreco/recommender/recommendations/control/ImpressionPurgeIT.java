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
 * Impression retention on the real database: the days before the kept window go, in batches, whole
 * days only; the kept days, other catalogues and the click-through of the kept window stay as they were.
 */
class ImpressionPurgeIT {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @BeforeAll
    static void migrate() {
        TestDatabase.migrate();
    }

    @Test
    void old_days_go_in_batches_and_the_kept_days_click_through_is_unchanged() throws SQLException {
        try (Connection connection = TestDatabase.connect(); var shop = Fixture.catalogue(connection);
                var other = Fixture.catalogue(connection)) {
            long user = shop.user("u1");
            long a = shop.item("a");
            long b = shop.item("b");
            // seven days, two impressions and one click a day, the oldest at the very end of its day
            for (int age = 0; age < 7; age++) {
                var shown = TODAY.minusDays(age).atTime(age == 6 ? 23 : 12, age == 6 ? 59 : 0).atOffset(ZoneOffset.UTC);
                UUID request = UUID.randomUUID();
                impressions(connection, shop.id(), user, request, shown, a, b);
                click(connection, shop.id(), user, a, request, shown.plusSeconds(30));
            }
            long otherUser = other.user("u1");
            impressions(connection, other.id(), otherUser, UUID.randomUUID(),
                    TODAY.minusDays(6).atStartOfDay().atOffset(ZoneOffset.UTC), other.item("a"));
            var attribution = new ClickAttribution(connection);
            List<Day> keptBefore = attribution.daily(shop.id(), TODAY, 3);

            long removed = new ImpressionPurge(connection, 3).before(shop.id(), ImpressionPurge.keptFrom(TODAY, 3));

            assertEquals(8, removed, "four days of two impressions, in batches of three answers");
            assertEquals(6, shop.count("impression"));
            assertEquals(keptBefore, attribution.daily(shop.id(), TODAY, 3));
            assertEquals(List.of(new Day(TODAY.minusDays(2), "content", 2, 1), new Day(TODAY.minusDays(1), "content", 2, 1),
                    new Day(TODAY, "content", 2, 1)), attribution.daily(shop.id(), TODAY, 30));
            assertEquals(1, other.count("impression"), "another catalogue's impressions are not touched");
            assertEquals(7, shop.count("interaction"), "the events stay");
        }
    }

    @Test
    void the_kept_window_starts_at_midnight_utc_of_its_first_day() {
        assertEquals(OffsetDateTime.of(2026, 3, 10, 0, 0, 0, 0, ZoneOffset.UTC).toInstant(), ImpressionPurge.keptFrom(TODAY, 1));
        assertEquals(OffsetDateTime.of(2025, 12, 11, 0, 0, 0, 0, ZoneOffset.UTC).toInstant(), ImpressionPurge.keptFrom(TODAY, 90));
    }

    private static void impressions(Connection connection, long catalogue, long user, UUID request, OffsetDateTime shownAt,
            long... items) throws SQLException {
        try (var ps = connection.prepareStatement("""
                insert into impression_list (catalogue_id, request_id, user_id, item_ids, sources, scores, shown_at)
                values (?, ?, ?, ?, array_fill('content'::text, array[?]), array_fill(null::float8, array[?]), ?)""")) {
            ps.setLong(1, catalogue);
            ps.setObject(2, request);
            ps.setLong(3, user);
            ps.setArray(4, connection.createArrayOf("bigint", Arrays.stream(items).boxed().toArray()));
            ps.setInt(5, items.length);
            ps.setInt(6, items.length);
            ps.setObject(7, shownAt);
            ps.executeUpdate();
        }
    }

    private static void click(Connection connection, long catalogue, long user, long item, UUID request,
            OffsetDateTime receivedAt) throws SQLException {
        try (var ps = connection.prepareStatement("""
                insert into interaction (catalogue_id, user_id, item_id, type, weight, occurred_at, received_at, request_id)
                values (?, ?, ?, 'click', 1, ?, ?, ?)""")) {
            ps.setLong(1, catalogue);
            ps.setLong(2, user);
            ps.setLong(3, item);
            ps.setObject(4, receivedAt);
            ps.setObject(5, receivedAt);
            ps.setObject(6, request);
            ps.executeUpdate();
        }
    }
}
