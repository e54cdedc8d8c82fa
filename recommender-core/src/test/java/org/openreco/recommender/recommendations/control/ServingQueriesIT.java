package org.openreco.recommender.recommendations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.platform.Fixture;
import org.openreco.recommender.platform.TestDatabase;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * The SQL of serving against the real PostgreSQL + pgvector: synthetic MiniLM-sized vectors written
 * straight into the V030 tables of an active generation, three "genres" of items clustered around
 * their own direction. Each test has a catalogue of its own and deletes it after.
 */
class ServingQueriesIT {

    private static final int DIMENSIONS = 384;
    private static final List<String> GENRES = List.of("sci-fi", "drama", "comedy");
    private static final int PER_GENRE = 300;

    @BeforeAll
    static void migrate() {
        TestDatabase.migrate();
    }

    /** A catalogue with clustered items, an active MiniLM generation, and the genre centres. */
    private static final class Shop implements AutoCloseable {
        final Connection connection;
        final Fixture fixture;
        final long generation;
        final Map<String, float[]> centres = new HashMap<>();
        final Map<String, Long> ids = new LinkedHashMap<>();
        final Map<String, float[]> vectors = new HashMap<>();
        final Random random = new Random(42);

        Shop() throws SQLException {
            connection = TestDatabase.connect();
            fixture = Fixture.catalogue(connection);
            generation = single("insert into embedding_generation (catalogue_id, model, status, activated_at) values ("
                    + fixture.id() + ", 'all-minilm-l6-v2', 'active', now()) returning id");
            for (String genre : GENRES) {
                centres.put(genre, Vectors.normalized(gaussian()));
            }
            try (var ps = connection.prepareStatement("""
                    with added as (insert into item (catalogue_id, external_id, title, categories, attributes, available)
                                   values (?, ?, ?, ?, cast(? as jsonb), ?) returning id)
                    insert into item_vector_minilm (generation_id, item_id, content_hash, embedding)
                    select ?, id, 'h', cast(? as vector) from added""")) {
                for (String genre : GENRES) {
                    for (int i = 0; i < PER_GENRE; i++) {
                        String id = genre + "-" + i;
                        float[] v = Vectors.normalized(mix(centres.get(genre), gaussian(), 0.7f));
                        vectors.put(id, v);
                        ps.setLong(1, fixture.id());
                        ps.setString(2, id);
                        ps.setString(3, "Title " + id);
                        ps.setArray(4, connection.createArrayOf("text", new String[] {genre}));
                        ps.setString(5, "{\"decade\": " + (1970 + 10 * (i % 5)) + ", \"lang\": \"" + (i % 2 == 0 ? "en" : "fr") + "\"}");
                        ps.setBoolean(6, true);
                        ps.setLong(7, generation);
                        ps.setString(8, Vectors.text(v));
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            try (var rs = connection.createStatement().executeQuery(
                    "select external_id, id from item where catalogue_id = " + fixture.id())) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (var st = connection.createStatement()) {
                st.execute("analyze item_vector_minilm");
            }
        }

        long user(String externalId, float[] vector) throws SQLException {
            long user = fixture.user(externalId);
            if (vector != null) {
                try (var ps = connection.prepareStatement(
                        "insert into user_vector_minilm (generation_id, user_id, embedding) values (?, ?, cast(? as vector))")) {
                    ps.setLong(1, generation);
                    ps.setLong(2, user);
                    ps.setString(3, Vectors.text(vector));
                    ps.executeUpdate();
                }
            }
            return user;
        }

        void interact(long user, String item, double weight, String ago) throws SQLException {
            try (var ps = connection.prepareStatement("""
                    insert into interaction (catalogue_id, user_id, item_id, type, weight, occurred_at)
                    values (?, ?, ?, 'like', ?, now() - cast(? as interval))""")) {
                ps.setLong(1, fixture.id());
                ps.setLong(2, user);
                ps.setLong(3, ids.get(item));
                ps.setDouble(4, weight);
                ps.setString(5, ago);
                ps.executeUpdate();
            }
        }

        /** Starts a serving transaction the way the boundary does; returns the generation. */
        ServingGeneration serving(int n) throws SQLException {
            connection.setAutoCommit(false);
            return ServingGeneration.resolve(connection, catalogueName(), ServingGeneration.efSearch(n));
        }

        String catalogueName() throws SQLException {
            try (var rs = connection.createStatement().executeQuery("select name from catalogue where id = " + fixture.id())) {
                rs.next();
                return rs.getString(1);
            }
        }

        long single(String sql) throws SQLException {
            try (var rs = connection.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        float[] gaussian() {
            float[] v = new float[DIMENSIONS];
            for (int i = 0; i < DIMENSIONS; i++) {
                v[i] = (float) random.nextGaussian();
            }
            return v;
        }

        @Override
        public void close() throws SQLException {
            try (connection) {
                fixture.close();
            }
        }
    }

    /** direction + noise scaled to {@code amount} of the direction's length (both unit-ish). */
    private static float[] mix(float[] direction, float[] noise, float amount) {
        float[] n = Vectors.normalized(noise);
        float[] v = new float[direction.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = direction[i] + amount * n[i];
        }
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }

    @Test
    void theNearestItemsComeBackNearestFirstWithTheirCosineAndTheNearestLikedItemAsReason() throws SQLException {
        try (var shop = new Shop()) {
            float[] taste = Vectors.normalized(mix(shop.centres.get("sci-fi"), shop.gaussian(), 0.3f));
            long user = shop.user("fan", taste);
            shop.interact(user, "sci-fi-1", 4, "1 day");
            shop.interact(user, "drama-1", 4, "2 days");
            shop.interact(user, "comedy-1", -4, "1 day");

            var generation = shop.serving(10);
            var found = NearestItems.nearest(shop.connection, generation, taste, ItemFilters.none().seenBy(user), user,
                    List.of(), Source.CONTENT, 10);
            shop.connection.commit();

            assertEquals(10, found.size());
            var exact = new ArrayList<>(shop.vectors.keySet());
            exact.removeAll(Set.of("sci-fi-1", "drama-1", "comedy-1"));
            exact.sort((a, b) -> Double.compare(cosine(taste, shop.vectors.get(b)), cosine(taste, shop.vectors.get(a))));
            assertEquals(exact.subList(0, 10), found.stream().map(Candidate::externalId).toList(), "exact top 10 in order");
            for (var candidate : found) {
                assertEquals(cosine(taste, shop.vectors.get(candidate.externalId())), candidate.score(), 1e-4);
                // the liked sci-fi film explains sci-fi; the disliked comedy never does
                assertEquals("Title sci-fi-1", candidate.nearestAnchor());
                assertEquals(List.of("sci-fi"), candidate.categories());
            }
        }
    }

    @Test
    void seenUnavailableAndExcludedItemsAreLeftOutAndCategoryAndAttributeFiltersApply() throws SQLException {
        try (var shop = new Shop()) {
            float[] taste = shop.centres.get("drama");
            long user = shop.user("u", taste);
            shop.interact(user, "drama-0", 1, "1 hour");
            try (var st = shop.connection.createStatement()) {
                st.executeUpdate("update item set available = false where id = " + shop.ids.get("drama-2"));
            }
            var filters = new ItemFilters(user, List.of("drama-4"), List.of(shop.ids.get("drama-6")), List.of("comedy", "drama"),
                    Map.of("decade", "1970", "lang", "en"));

            var generation = shop.serving(20);
            var found = NearestItems.nearest(shop.connection, generation, taste, filters, null, List.of(), Source.CONTENT, 20);
            shop.connection.commit();

            assertEquals(20, found.size());
            var seen = new HashSet<String>();
            for (var candidate : found) {
                int i = Integer.parseInt(candidate.externalId().substring(candidate.externalId().lastIndexOf('-') + 1));
                assertEquals(0, i % 10, candidate.externalId() + ": decade 1970 and lang en are the items i ≡ 0 mod 10");
                assertTrue(candidate.externalId().startsWith("drama-"), candidate.externalId());
                seen.add(candidate.externalId());
                assertNull(candidate.nearestAnchor());
            }
            for (String gone : List.of("drama-0", "drama-2", "drama-4", "drama-6")) {
                assertFalse(seen.contains(gone), gone);
            }
            assertTrue(seen.contains("drama-10"), seen::toString);
        }
    }

    @Test
    void aUserWhoHasSeenMostOfAGenreStillGetsNItemsOfItThroughTheIterativeIndexScan() throws SQLException {
        try (var shop = new Shop()) {
            float[] taste = shop.centres.get("sci-fi");
            long user = shop.user("completist", taste);
            var unseen = new HashSet<String>();
            for (int i = 0; i < PER_GENRE; i++) {
                if (i % 15 == 0) {
                    unseen.add("sci-fi-" + i);
                } else {
                    shop.interact(user, "sci-fi-" + i, 1, i + " minutes");
                }
            }
            assertEquals(20, unseen.size());
            var filters = new ItemFilters(user, List.of(), List.of(), List.of("sci-fi"), Map.of());

            // with the exact plans taken away only the HNSW index can answer; without iterative scans it
            // stops after ef_search neighbours, most of them seen
            var generation = shop.serving(15);
            indexOnly(shop.connection, "off");
            var oneRound = NearestItems.nearest(shop.connection, generation, taste, filters, null, List.of(), Source.CONTENT, 15);
            shop.connection.rollback();

            generation = shop.serving(15);
            indexOnly(shop.connection, null);
            var iterative = NearestItems.nearest(shop.connection, generation, taste, filters, null, List.of(), Source.CONTENT, 15);
            shop.connection.rollback();

            assertTrue(oneRound.size() < 15, "without the iterative scan: " + oneRound.size());
            assertEquals(15, iterative.size());
            for (var candidate : iterative) {
                assertTrue(unseen.contains(candidate.externalId()), candidate.externalId());
            }
            for (int i = 1; i < iterative.size(); i++) {
                assertTrue(iterative.get(i - 1).score() >= iterative.get(i).score(), "re-sorted by score");
            }
        }
    }

    private static void indexOnly(Connection connection, String iterativeScan) throws SQLException {
        try (var st = connection.createStatement()) {
            st.execute("set local enable_seqscan = off");
            st.execute("set local enable_bitmapscan = off");
            st.execute("set local enable_sort = off");
            if (iterativeScan != null) {
                st.execute("set local hnsw.iterative_scan = " + iterativeScan);
            }
        }
    }

    @Test
    void trendingRanksByDecayedRecentWeightThenAllTimeWeightAndAppliesTheFilters() throws SQLException {
        try (var shop = new Shop()) {
            long a = shop.user("a", null);
            long b = shop.user("b", null);
            // comedy-1: two likes today; drama-1: three likes five days ago (decayed below comedy-1);
            // sci-fi-1: many weighty events long before the window; drama-2: only negative
            shop.interact(a, "comedy-1", 4, "1 hour");
            shop.interact(b, "comedy-1", 4, "2 hours");
            shop.interact(a, "drama-1", 4, "5 days");
            shop.interact(b, "drama-1", 4, "5 days");
            shop.interact(b, "drama-1", 4, "5 days 1 hour");
            for (int i = 0; i < 5; i++) {
                shop.interact(a, "sci-fi-1", 8, "60 days");
            }
            shop.interact(a, "drama-2", -4, "1 hour");
            var state = new ServingStateLoader(shop.connection, Long.MAX_VALUE).load(shop.catalogueName());

            var top = HybridRanking.forUser(shop.connection, state, "nobody", ItemFilters.none(), 5, 0).candidates();
            assertEquals(List.of("comedy-1", "drama-1", "sci-fi-1"), top.subList(0, 3).stream().map(Candidate::externalId).toList());
            assertTrue(top.get(0).score() > top.get(1).score());
            assertEquals(List.of(Source.TRENDING, Source.TRENDING, Source.TRENDING, Source.LATEST, Source.LATEST),
                    top.stream().map(Candidate::source).toList(), "the newest items fill up");

            var forB = HybridRanking.forUser(shop.connection, state, "b",
                    new ItemFilters(null, List.of(), List.of(), List.of("drama", "sci-fi"), Map.of()), 2, 0).candidates();
            assertEquals(List.of("sci-fi-1"), forB.subList(0, 1).stream().map(Candidate::externalId).toList(),
                    "b has seen comedy-1 and drama-1; comedy is filtered out");
            assertEquals(2, forB.size());
            assertTrue(forB.get(1).externalId().startsWith("drama-") || forB.get(1).externalId().startsWith("sci-fi-"));
        }
    }

    @Test
    void impressionsAreWrittenInOneStatementWithPositionsSourcesAndScores() throws SQLException {
        try (var shop = new Shop()) {
            long user = shop.user("u", null);
            var requestId = UUID.randomUUID();
            var shown = List.of(
                    new Candidate(shop.ids.get("drama-3"), "drama-3", "t", List.of(), 0.9, Source.CONTENT, null),
                    new Candidate(shop.ids.get("comedy-3"), "comedy-3", "t", List.of(), 0.5, Source.TRENDING, null));

            ImpressionLog.write(shop.connection, shop.fixture.id(), requestId, user, shown);

            var rows = new ArrayList<String>();
            try (var ps = shop.connection.prepareStatement("""
                    select i.external_id, m.position, m.source, m.score, m.user_id from impression m join item i on i.id = m.item_id
                     where m.request_id = ? order by m.position""")) {
                ps.setObject(1, requestId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + "@" + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getDouble(4)
                                + (rs.getLong(5) == user ? " user" : " ?"));
                    }
                }
            }
            assertEquals(List.of("drama-3@0 content 0.9 user", "comedy-3@1 trending 0.5 user"), rows);
        }
    }

    @Test
    void severalAnswersImpressionsGoInOneStatementEachUnderItsOwnRequest() throws SQLException {
        try (var shop = new Shop()) {
            long user = shop.user("u", null);
            var first = UUID.randomUUID();
            var second = UUID.randomUUID();
            var drama = new Candidate(shop.ids.get("drama-3"), "drama-3", "t", List.of(), 0.9, Source.CONTENT, null);
            var comedy = new Candidate(shop.ids.get("comedy-3"), "comedy-3", "t", List.of(), 0.5, Source.TRENDING, null);

            ImpressionLog.write(shop.connection, List.of(new ImpressionLog.Shown(shop.fixture.id(), first, user, List.of(drama, comedy)),
                    new ImpressionLog.Shown(shop.fixture.id(), second, null, List.of(comedy))));

            var rows = new ArrayList<String>();
            try (var ps = shop.connection.prepareStatement("""
                    select m.request_id = ?, i.external_id, m.position, m.user_id from impression m join item i on i.id = m.item_id
                     where m.request_id in (?, ?) order by 1 desc, m.position""")) {
                ps.setObject(1, first);
                ps.setObject(2, first);
                ps.setObject(3, second);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add((rs.getBoolean(1) ? "first " : "second ") + rs.getString(2) + "@" + rs.getInt(3) + " "
                                + (rs.getObject(4) == null ? "anonymous" : rs.getLong(4) == user ? "user" : "?"));
                    }
                }
            }
            assertEquals(List.of("first drama-3@0 user", "first comedy-3@1 user", "second comedy-3@0 anonymous"), rows);
        }
    }

    @Test
    void examplesAndUsersAreFoundByExternalIdWithTheirVectors() throws SQLException {
        try (var shop = new Shop()) {
            float[] taste = shop.centres.get("comedy");
            shop.user("with-vector", taste);
            shop.user("without", null);
            var generation = shop.serving(10);

            var items = NearestItems.items(shop.connection, generation, List.of("comedy-5", "nope"));
            assertEquals(Set.of("comedy-5"), items.keySet());
            assertEquals(1.0, cosine(items.get("comedy-5").vector(), shop.vectors.get("comedy-5")), 1e-5);
            assertEquals(1.0, cosine(NearestItems.user(shop.connection, generation, "with-vector").vector(), taste), 1e-5);
            assertNull(NearestItems.user(shop.connection, generation, "without").vector());
            assertNull(NearestItems.user(shop.connection, generation, "nobody"));
            shop.connection.commit();
        }
    }
}
