package org.openreco.recommender.recommendations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.platform.Fixture;
import org.openreco.recommender.platform.TestDatabase;
import org.openreco.recommender.recommendations.entity.Source;
import org.openreco.recommender.training.control.ModelStore;

/**
 * The hybrid ranking against the real PostgreSQL + pgvector, with a collaborative model written the
 * way training writes it (V050: an active model_version with its blend, item_factor zero-padded to 128,
 * user_factor, item_neighbours). Content and collaborative structure are independent on purpose: items
 * are clustered by genre in the content space (sci-fi, drama, comedy) and by audience in the factor
 * space (item index mod 3), so which source answered is visible in the items that come back.
 */
class HybridRankingIT {

    private static final int DIMENSIONS = 384;
    private static final int FACTORS = 8;
    private static final List<String> GENRES = List.of("sci-fi", "drama", "comedy");
    private static final int PER_GENRE = 60;

    @BeforeAll
    static void migrate() {
        TestDatabase.migrate();
    }

    private static final class Shop implements AutoCloseable {
        final Connection connection;
        final Fixture fixture;
        final long generation;
        final Map<String, float[]> centres = new HashMap<>();
        final Map<String, Long> ids = new LinkedHashMap<>();
        final Map<String, float[]> vectors = new HashMap<>();
        final Map<String, float[]> factors = new HashMap<>();
        final Random random = new Random(7);
        Long modelVersion;

        Shop() throws SQLException {
            connection = TestDatabase.connect();
            fixture = Fixture.catalogue(connection);
            generation = single("insert into embedding_generation (catalogue_id, model, status, activated_at) values ("
                    + fixture.id() + ", 'all-minilm-l6-v2', 'active', now()) returning id");
            for (String genre : GENRES) {
                centres.put(genre, Vectors.normalized(gaussian(DIMENSIONS)));
            }
            try (var ps = connection.prepareStatement("""
                    with added as (insert into item (catalogue_id, external_id, title, categories)
                                   values (?, ?, ?, ?) returning id)
                    insert into item_vector_minilm (generation_id, item_id, content_hash, embedding)
                    select ?, id, 'h', cast(? as vector) from added""")) {
                for (String genre : GENRES) {
                    for (int i = 0; i < PER_GENRE; i++) {
                        String id = genre + "-" + i;
                        float[] v = Vectors.normalized(mix(centres.get(genre), gaussian(DIMENSIONS), 0.7f));
                        vectors.put(id, v);
                        ps.setLong(1, fixture.id());
                        ps.setString(2, id);
                        ps.setString(3, "Title " + id);
                        ps.setArray(4, connection.createArrayOf("text", new String[] {genre}));
                        ps.setLong(5, generation);
                        ps.setString(6, Vectors.text(v));
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
        }

        /** An active model: factors by audience (index mod 3 → axis), the given blend. */
        void model(String blend) throws SQLException {
            modelVersion = single("insert into model_version (catalogue_id, algorithm, status, parameters, factors, activated_at)"
                    + " values (" + fixture.id() + ", 'ials', 'active', cast('{\"alpha\": 3.0, \"regularization\": 0.5, \"blend\": "
                    + blend + "}' as jsonb), " + FACTORS + ", now()) returning id");
            try (var ps = connection.prepareStatement(
                    "insert into item_factor (model_version_id, item_id, factors) values (?, ?, cast(? as vector))")) {
                for (var item : ids.entrySet()) {
                    int index = Integer.parseInt(item.getKey().substring(item.getKey().lastIndexOf('-') + 1));
                    float[] y = gaussian(FACTORS);
                    for (int f = 0; f < FACTORS; f++) {
                        y[f] *= 0.1f;
                    }
                    y[index % 3] += 1 + index / 100f; // audience axis; later indices a little stronger
                    factors.put(item.getKey(), y);
                    ps.setLong(1, modelVersion);
                    ps.setLong(2, item.getValue());
                    ps.setString(3, Vectors.text(padded(y)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            ModelStore.indexItemFactors(connection, modelVersion);
            try (var st = connection.createStatement()) {
                st.execute("analyze item_factor");
            }
        }

        long user(String externalId, float[] taste, float[] userFactors) throws SQLException {
            long user = fixture.user(externalId);
            if (taste != null) {
                try (var ps = connection.prepareStatement(
                        "insert into user_vector_minilm (generation_id, user_id, embedding) values (?, ?, cast(? as vector))")) {
                    ps.setLong(1, generation);
                    ps.setLong(2, user);
                    ps.setString(3, Vectors.text(taste));
                    ps.executeUpdate();
                }
            }
            if (userFactors != null) {
                try (var ps = connection.prepareStatement(
                        "insert into user_factor (model_version_id, user_id, factors) values (?, ?, cast(? as vector))")) {
                    ps.setLong(1, modelVersion);
                    ps.setLong(2, user);
                    ps.setString(3, Vectors.text(padded(userFactors)));
                    ps.executeUpdate();
                }
            }
            return user;
        }

        void neighbour(String item, String neighbour, double similarity) throws SQLException {
            try (var ps = connection.prepareStatement("""
                    insert into item_neighbours (model_version_id, item_id, neighbour_ids, similarities)
                    values (?, ?, array[cast(? as bigint)], array[cast(? as real)])
                    on conflict (model_version_id, item_id) do update
                       set neighbour_ids = item_neighbours.neighbour_ids || excluded.neighbour_ids,
                           similarities = item_neighbours.similarities || excluded.similarities""")) {
                ps.setLong(1, modelVersion);
                ps.setLong(2, ids.get(item));
                ps.setLong(3, ids.get(neighbour));
                ps.setDouble(4, similarity);
                ps.executeUpdate();
            }
        }

        /** An item weight of EASE or RP3beta (source "ease" or "rp3beta"), appended to the item's row. */
        void itemWeight(String source, String item, String target, double weight) throws SQLException {
            try (var ps = connection.prepareStatement("""
                    insert into item_weights (model_version_id, source, item_id, target_ids, weights)
                    values (?, ?, ?, array[cast(? as bigint)], array[cast(? as real)])
                    on conflict (model_version_id, source, item_id) do update
                       set target_ids = item_weights.target_ids || excluded.target_ids,
                           weights = item_weights.weights || excluded.weights""")) {
                ps.setLong(1, modelVersion);
                ps.setString(2, source);
                ps.setLong(3, ids.get(item));
                ps.setLong(4, ids.get(target));
                ps.setDouble(5, weight);
                ps.executeUpdate();
            }
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

        HybridRanking.Ranked recommend(String user, ItemFilters filters, int n, double diversity) throws SQLException {
            return recommend(user, filters, n, diversity, Long.MAX_VALUE);
        }

        /** With a budget for the vectors in memory: over it, content is searched in PostgreSQL. */
        HybridRanking.Ranked recommend(String user, ItemFilters filters, int n, double diversity, long vectorBudget)
                throws SQLException {
            connection.setAutoCommit(false);
            try {
                var state = new ServingStateLoader(connection, vectorBudget).load(catalogueName());
                return HybridRanking.forUser(connection, state, user, filters, n, diversity);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }

        /** One refresh of the users' content candidates, in its own committed transaction. */
        int refreshCandidatesAhead(long vectorBudget) throws SQLException {
            connection.setAutoCommit(false);
            try {
                var state = new ServingStateLoader(connection, vectorBudget).load(catalogueName());
                int refreshed = new CandidatesAhead(connection).refresh(state, 100);
                connection.commit();
                return refreshed;
            } finally {
                connection.setAutoCommit(true);
            }
        }

        List<Long> storedAhead(long user) throws SQLException {
            try (var rs = connection.createStatement().executeQuery("select items from content_candidates where user_id = " + user)) {
                rs.next();
                return List.of((Long[]) rs.getArray(1).getArray());
            }
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

        float[] gaussian(int dimensions) {
            float[] v = new float[dimensions];
            for (int i = 0; i < dimensions; i++) {
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

    private static float[] mix(float[] direction, float[] noise, float amount) {
        float[] n = Vectors.normalized(noise);
        float[] v = new float[direction.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = direction[i] + amount * n[i];
        }
        return v;
    }

    private static float[] padded(float[] x) {
        float[] v = new float[128];
        System.arraycopy(x, 0, v, 0, x.length);
        return v;
    }

    private static float[] axis(int index) {
        float[] v = new float[FACTORS];
        v[index] = 2;
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }

    private static int audience(String externalId) {
        return Integer.parseInt(externalId.substring(externalId.lastIndexOf('-') + 1)) % 3;
    }

    private static List<String> ids(HybridRanking.Ranked ranked) {
        return ranked.candidates().stream().map(Candidate::externalId).toList();
    }

    private static Set<Source> sources(HybridRanking.Ranked ranked) {
        return ranked.candidates().stream().map(Candidate::source).collect(Collectors.toSet());
    }

    @Test
    void collaborativeCandidatesAreTheHighestInnerProductsWithTheUsersFactorsExplainedByAWatchedItem() throws SQLException {
        try (var shop = new Shop()) {
            shop.model("{\"collaborative\": 1.0, \"item-to-item\": 0, \"content\": 0, \"trending\": 0}");
            float[] x = axis(1);
            long user = shop.user("fan", shop.centres.get("comedy"), x);
            shop.interact(user, "drama-4", 4, "1 day"); // audience 1
            shop.interact(user, "comedy-0", 4, "2 days"); // audience 0

            var ranked = shop.recommend("fan", ItemFilters.none(), 10, 0);

            assertEquals(user, ranked.userId());
            assertEquals(10, ranked.candidates().size());
            var exact = shop.factors.keySet().stream().filter(id -> !Set.of("drama-4", "comedy-0").contains(id))
                    .sorted((a, b) -> Double.compare(dot(x, shop.factors.get(b)), dot(x, shop.factors.get(a))))
                    .limit(10).toList();
            assertEquals(exact, ranked.candidates().stream().map(Candidate::externalId).toList(), "exact top 10 by x·y");
            for (var candidate : ranked.candidates()) {
                assertEquals(Source.COLLABORATIVE, candidate.source());
                assertEquals(1, audience(candidate.externalId()), candidate.externalId());
                assertEquals("because you watched ‹Title drama-4›", candidate.reason(), "the watched item of the same audience");
            }
        }
    }

    @Test
    void contentAloneServesWhileNoModelIsActive() throws SQLException {
        try (var shop = new Shop()) {
            float[] taste = shop.centres.get("drama");
            long user = shop.user("reader", taste, null);
            shop.interact(user, "drama-3", 4, "1 day");

            var ranked = shop.recommend("reader", ItemFilters.none(), 10, 0);

            assertEquals(Set.of(Source.CONTENT), sources(ranked));
            for (var candidate : ranked.candidates()) {
                assertTrue(candidate.externalId().startsWith("drama-"), candidate.externalId());
                assertEquals("similar to ‹Title drama-3› you liked", candidate.reason());
                assertFalse(candidate.externalId().equals("drama-3"), "seen");
            }
            for (int i = 1; i < 10; i++) {
                assertTrue(ranked.candidates().get(i - 1).score() >= ranked.candidates().get(i).score());
            }
        }
    }

    @Test
    void overTheMemoryBudgetContentIsSearchedWithPgvectorAndRanksAlike() throws SQLException {
        try (var shop = new Shop()) {
            long user = shop.user("reader", shop.centres.get("drama"), null);
            shop.interact(user, "drama-3", 4, "1 day");

            var inMemory = shop.recommend("reader", ItemFilters.none(), 10, 0);
            var searched = shop.recommend("reader", ItemFilters.none(), 10, 0, 0);

            assertEquals(Set.of(Source.CONTENT), sources(searched));
            assertEquals(inMemory.candidates().stream().map(Candidate::externalId).toList(),
                    searched.candidates().stream().map(Candidate::externalId).toList());
            for (var candidate : searched.candidates()) {
                assertEquals("similar to ‹Title drama-3› you liked", candidate.reason());
            }
        }
    }

    @Test
    void contentCandidatesComputedAheadServeTheFullScansListUntilTheTasteChanges() throws SQLException {
        try (var shop = new Shop()) {
            long user = shop.user("reader", shop.centres.get("drama"), null);
            shop.interact(user, "drama-3", 4, "1 day");
            var scanned = ids(shop.recommend("reader", ItemFilters.none(), 10, 0));

            assertEquals(1, shop.refreshCandidatesAhead(Long.MAX_VALUE), "the one user with a taste");
            assertEquals(0, shop.refreshCandidatesAhead(Long.MAX_VALUE), "nothing is due any more");
            assertEquals(scanned, ids(shop.recommend("reader", ItemFilters.none(), 10, 0)));
            assertFalse(shop.storedAhead(user).contains(shop.ids.get("drama-3")), "seen items are not kept");

            // the stored list is what serves: cut to three items, the rest of the list is trending's
            shop.single("update content_candidates set items = items[1:3], scores = scores[1:3], complete = true"
                    + " where user_id = " + user + " returning 1");
            var read = shop.recommend("reader", ItemFilters.none(), 10, 0);
            assertEquals(10, read.candidates().size());
            assertEquals(scanned.subList(0, 3), ids(read).subList(0, 3));
            assertEquals(Source.CONTENT, read.candidates().get(2).source());
            assertFalse(read.candidates().get(3).source() == Source.CONTENT, "filled after the three");

            // a new taste: the list of the old one is not read, content is scanned again
            shop.single("update user_vector_minilm set embedding = cast('" + Vectors.text(shop.centres.get("comedy"))
                    + "' as vector), embedded_at = now() + interval '1 second' where user_id = " + user + " returning 1");
            var retasted = shop.recommend("reader", ItemFilters.none(), 10, 0);
            assertEquals(10, retasted.candidates().stream().filter(c -> c.externalId().startsWith("comedy-")).count());
        }
    }

    @Test
    void collaborativeCandidatesComputedAheadServeTheScansListUntilTheFactorsChange() throws SQLException {
        try (var shop = new Shop()) {
            shop.model("{\"collaborative\": 1.0, \"item-to-item\": 0, \"content\": 0, \"trending\": 0}");
            long user = shop.user("fan", null, axis(1));
            shop.interact(user, "drama-4", 4, "1 day");
            var scanned = ids(shop.recommend("fan", ItemFilters.none(), 10, 0));

            assertEquals(1, shop.refreshCandidatesAhead(Long.MAX_VALUE), "the one user with factors");
            assertEquals(0, shop.refreshCandidatesAhead(Long.MAX_VALUE), "nothing is due any more");
            assertEquals(scanned, ids(shop.recommend("fan", ItemFilters.none(), 10, 0)));

            shop.single("update collaborative_candidates set items = items[1:3], scores = scores[1:3], complete = true"
                    + " where user_id = " + user + " returning 1");
            var read = shop.recommend("fan", ItemFilters.none(), 10, 0);
            assertEquals(scanned.subList(0, 3), ids(read).subList(0, 3));
            assertFalse(read.candidates().get(3).source() == Source.COLLABORATIVE, "filled after the three");

            // folded in again: the list of the old factors is not read, the factors are scored again
            shop.single("update user_factor set updated_at = now() + interval '1 second' where user_id = " + user + " returning 1");
            assertEquals(scanned, ids(shop.recommend("fan", ItemFilters.none(), 10, 0)));
        }
    }

    @Test
    void overTheMemoryBudgetContentCandidatesAheadComeFromPgvector() throws SQLException {
        try (var shop = new Shop()) {
            long user = shop.user("reader", shop.centres.get("drama"), null);
            shop.interact(user, "drama-3", 4, "1 day");
            var scanned = ids(shop.recommend("reader", ItemFilters.none(), 10, 0));

            assertEquals(1, shop.refreshCandidatesAhead(0));
            var stored = shop.storedAhead(user);
            assertTrue(stored.size() >= 10 && !stored.contains(shop.ids.get("drama-3")), stored.toString());
            assertEquals(scanned, ids(shop.recommend("reader", ItemFilters.none(), 10, 0, 0)));
        }
    }

    @Test
    void itemToItemSumsTheNeighboursOfTheRecentItemsAndNamesTheItemBehindTheStrongestOne() throws SQLException {
        try (var shop = new Shop()) {
            shop.model("{\"collaborative\": 0, \"item-to-item\": 1.0, \"content\": 0, \"trending\": 0}");
            long user = shop.user("u", null, null);
            shop.interact(user, "sci-fi-1", 4, "1 day");
            shop.interact(user, "drama-1", 4, "2 days");
            shop.neighbour("sci-fi-1", "comedy-7", 0.9);
            shop.neighbour("sci-fi-1", "comedy-8", 0.5);
            shop.neighbour("drama-1", "comedy-8", 0.6); // 0.5 + 0.6 = 1.1: first
            shop.neighbour("drama-1", "comedy-9", 0.3);
            shop.neighbour("drama-1", "sci-fi-1", 0.8); // seen: never shown

            var ranked = shop.recommend("u", ItemFilters.none(), 3, 0);

            assertEquals(List.of("comedy-8", "comedy-7", "comedy-9"),
                    ranked.candidates().stream().map(Candidate::externalId).toList());
            assertEquals(Set.of(Source.ITEM_TO_ITEM), sources(ranked));
            assertEquals(List.of("because you watched ‹Title drama-1›", "because you watched ‹Title sci-fi-1›",
                    "because you watched ‹Title drama-1›"), ranked.candidates().stream().map(Candidate::reason).toList());
        }
    }

    @Test
    void easeAndRp3betaServeTheStoredItemWeightsOfTheRecentItemsWithTheirReasons() throws SQLException {
        try (var shop = new Shop()) {
            shop.model("{\"collaborative\": 0, \"item-to-item\": 0, \"content\": 0, \"trending\": 0, \"ease\": 1.0, "
                    + "\"rp3beta\": 0.5}");
            long user = shop.user("u", null, null);
            shop.interact(user, "sci-fi-1", 4, "1 day");
            shop.interact(user, "drama-1", 4, "2 days");
            shop.itemWeight("ease", "sci-fi-1", "comedy-7", 0.4);
            shop.itemWeight("ease", "drama-1", "comedy-7", 0.3); // 0.7: EASE's best, mostly from sci-fi-1
            shop.itemWeight("ease", "drama-1", "comedy-8", 0.2);
            shop.itemWeight("rp3beta", "drama-1", "comedy-9", 0.05);
            shop.itemWeight("ease", "drama-1", "sci-fi-1", 0.9); // seen: never shown

            var ranked = shop.recommend("u", ItemFilters.none(), 3, 0);

            // normalised per source: EASE comedy-7 1, comedy-8 0; RP3beta comedy-9 1 (× 0.5)
            assertEquals(List.of("comedy-7", "comedy-9", "comedy-8"),
                    ranked.candidates().stream().map(Candidate::externalId).toList());
            assertEquals(List.of(Source.EASE, Source.RP3BETA, Source.EASE),
                    ranked.candidates().stream().map(Candidate::source).toList());
            assertEquals(List.of("because you watched ‹Title sci-fi-1›", "because you watched ‹Title drama-1›",
                    "because you watched ‹Title drama-1›"), ranked.candidates().stream().map(Candidate::reason).toList());
        }
    }

    @Test
    void theBlendWeightsDecideWhichSourceLeadsAndEachItemKeepsTheSourceThatContributedMost() throws SQLException {
        for (var weights : List.of("{\"collaborative\": 1.0, \"item-to-item\": 0, \"content\": 0.1, \"trending\": 0}",
                "{\"collaborative\": 0.1, \"item-to-item\": 0, \"content\": 1.0, \"trending\": 0}")) {
            try (var shop = new Shop()) {
                shop.model(weights);
                // taste: sci-fi; factors: audience 2 — the two sources propose different items
                shop.user("both", shop.centres.get("sci-fi"), axis(2));

                var ranked = shop.recommend("both", ItemFilters.none(), 6, 0);

                boolean collaborativeLeads = weights.startsWith("{\"collaborative\": 1.0");
                var top = ranked.candidates().subList(0, 3);
                for (var candidate : top) {
                    assertEquals(collaborativeLeads ? Source.COLLABORATIVE : Source.CONTENT, candidate.source(), weights);
                    if (collaborativeLeads) {
                        assertEquals(2, audience(candidate.externalId()), candidate.externalId());
                    } else {
                        assertTrue(candidate.externalId().startsWith("sci-fi-"), candidate.externalId());
                    }
                }
                assertTrue(top.get(0).score() > 0.9 && top.get(0).score() <= 1.1 + 1e-9, "normalised: " + top.get(0).score());
            }
        }
    }

    @Test
    void aHigherDiversityGivesALessSimilarListOfStillNItems() throws SQLException {
        try (var shop = new Shop()) {
            // a taste between sci-fi and drama, mostly sci-fi: by score alone nearly all sci-fi
            float[] taste = Vectors.normalized(mix(shop.centres.get("sci-fi"), shop.centres.get("drama"), 0.9f));
            shop.user("mixed", taste, null);

            var similarity = new java.util.ArrayList<Double>();
            for (double lambda : new double[] {0, 0.5, 0.9}) {
                var ranked = shop.recommend("mixed", ItemFilters.none(), 10, lambda);
                assertEquals(10, ranked.candidates().size(), "λ " + lambda);
                similarity.add(meanPairwiseCosine(ranked.candidates().stream().map(c -> shop.vectors.get(c.externalId())).toList()));
            }
            assertTrue(similarity.get(1) < similarity.get(0) - 0.05, "λ 0.5 against 0: " + similarity);
            assertTrue(similarity.get(2) <= similarity.get(1), "λ 0.9 against 0.5: " + similarity);
        }
    }

    private static double meanPairwiseCosine(List<float[]> vectors) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < vectors.size(); i++) {
            for (int j = i + 1; j < vectors.size(); j++) {
                sum += dot(vectors.get(i), vectors.get(j));
                pairs++;
            }
        }
        return sum / pairs;
    }

    @Test
    void theFiltersApplyToEverySourceOfTheHybrid() throws SQLException {
        try (var shop = new Shop()) {
            shop.model("{\"collaborative\": 1.0, \"item-to-item\": 0.5, \"content\": 0.5, \"trending\": 0.1}");
            long user = shop.user("picky", shop.centres.get("sci-fi"), axis(0));
            shop.interact(user, "drama-0", 4, "1 day");
            shop.interact(user, "comedy-3", 4, "1 day");
            shop.neighbour("drama-0", "drama-9", 0.9);
            shop.neighbour("drama-0", "comedy-6", 0.9);
            try (var st = shop.connection.createStatement()) {
                st.executeUpdate("update item set available = false where id = " + shop.ids.get("drama-6"));
            }
            var filters = new ItemFilters(null, List.of("drama-12"), List.of(), List.of("drama"), Map.of());

            var ranked = shop.recommend("picky", filters, 20, 0.2);

            assertEquals(20, ranked.candidates().size());
            var shown = ranked.candidates().stream().map(Candidate::externalId).toList();
            for (String id : shown) {
                assertTrue(id.startsWith("drama-"), id);
            }
            for (String gone : List.of("drama-0", "drama-6", "drama-12", "comedy-6")) {
                assertFalse(shown.contains(gone), gone);
            }
            assertTrue(shown.contains("drama-9"), "the neighbour in the category passes: " + shown);
            assertTrue(sources(ranked).contains(Source.COLLABORATIVE), sources(ranked).toString());
        }
    }

    @Test
    void coldStartIsTrendingThenContentAndItemToItemUntilTheUserHasFactors() throws SQLException {
        try (var shop = new Shop()) {
            shop.model("{\"collaborative\": 1.0, \"item-to-item\": 0.5, \"content\": 0.25, \"trending\": 0.1}");
            long crowd = shop.user("crowd", null, null);
            for (int i = 0; i < 12; i++) {
                shop.interact(crowd, "comedy-" + i, 4, i + " hours");
            }
            long fresh = shop.user("fresh", null, null);

            var first = shop.recommend("fresh", ItemFilters.none(), 5, 0);
            assertEquals(Set.of(Source.TRENDING), sources(first), "no events: trending");
            assertEquals("comedy-0", first.candidates().getFirst().externalId());
            assertNull(shop.recommend("nobody", ItemFilters.none(), 5, 0).userId());

            shop.interact(fresh, "sci-fi-2", 4, "1 minute");
            shop.neighbour("sci-fi-2", "sci-fi-30", 0.9);
            try (var ps = shop.connection.prepareStatement(
                    "insert into user_vector_minilm (generation_id, user_id, embedding) values (?, ?, cast(? as vector))")) {
                ps.setLong(1, shop.generation);
                ps.setLong(2, fresh);
                ps.setString(3, Vectors.text(shop.vectors.get("sci-fi-2")));
                ps.executeUpdate();
            }

            var after = shop.recommend("fresh", ItemFilters.none(), 10, 0);
            var sources = sources(after);
            assertTrue(sources.contains(Source.CONTENT) && sources.contains(Source.ITEM_TO_ITEM), sources.toString());
            assertFalse(sources.contains(Source.COLLABORATIVE), "no factors yet");
            assertEquals("sci-fi-30", after.candidates().getFirst().externalId(), "the neighbour is also near by content");
        }
    }

    @Test
    void aNewItemWithoutInteractionsIsReachedThroughContent() throws SQLException {
        try (var shop = new Shop()) {
            shop.model("{\"collaborative\": 1.0, \"item-to-item\": 0.5, \"content\": 0.5, \"trending\": 0}");
            float[] taste = shop.centres.get("comedy");
            shop.user("u", taste, axis(0));
            long item = shop.single("insert into item (catalogue_id, external_id, title, categories) values ("
                    + shop.fixture.id() + ", 'brand-new', 'Brand new', '{comedy}') returning id");
            try (var ps = shop.connection.prepareStatement("insert into item_vector_minilm (generation_id, item_id, content_hash,"
                    + " embedding) values (?, ?, 'h', cast(? as vector))")) {
                ps.setLong(1, shop.generation);
                ps.setLong(2, item);
                ps.setString(3, Vectors.text(taste));
                ps.executeUpdate();
            }

            var ranked = shop.recommend("u", ItemFilters.none(), 10, 0);

            var brandNew = ranked.candidates().stream().filter(c -> c.externalId().equals("brand-new")).findFirst().orElseThrow();
            assertEquals(Source.CONTENT, brandNew.source());
            assertEquals("matches your taste in ‹comedy›", brandNew.reason(), "no history to name");
        }
    }
}
