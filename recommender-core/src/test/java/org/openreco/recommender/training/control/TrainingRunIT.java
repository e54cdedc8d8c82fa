package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.evaluation.boundary.EvaluationRun;
import org.openreco.recommender.evaluation.control.EvaluationStore;
import org.openreco.recommender.platform.Fixture;
import org.openreco.recommender.platform.TestDatabase;
import org.openreco.recommender.platform.boundary.ConflictException;
import org.openreco.recommender.training.boundary.ModelVersion;
import org.openreco.recommender.training.boundary.TrainingRequest;

/**
 * A training end to end on the real PostgreSQL + pgvector, without a server: a synthetic catalogue with
 * planted structure (two user groups, each interacting only with its own group of items, plus
 * dislikes across the groups that must not count) is trained; the stored factors, neighbours,
 * evaluation run and activation are checked against that structure.
 */
class TrainingRunIT {

    private static final int USERS_PER_GROUP = 30, ITEMS_PER_GROUP = 25, POSITIVES_PER_USER = 12;

    private final JdbcTransactions transactions = new JdbcTransactions();
    private Connection connection;
    private Fixture catalogue;
    /** item id → group (0 or 1); user id → group */
    private final Map<Long, Integer> itemGroup = new HashMap<>(), userGroup = new HashMap<>();
    private long newestInteraction;

    @BeforeAll
    static void migrate() {
        TestDatabase.migrate();
    }

    @BeforeEach
    void plant() throws SQLException {
        connection = TestDatabase.connect();
        catalogue = Fixture.catalogue(connection);
        List<List<Long>> items = List.of(new ArrayList<>(), new ArrayList<>());
        for (int group = 0; group < 2; group++) {
            for (int i = 0; i < ITEMS_PER_GROUP; i++) {
                long id = catalogue.item("g" + group + "-item" + i);
                items.get(group).add(id);
                itemGroup.put(id, group);
            }
        }
        Random random = new Random(7);
        try (var insert = connection.prepareStatement("""
                insert into interaction (catalogue_id, user_id, item_id, type, weight, occurred_at)
                values (?, ?, ?, ?, ?, now()) returning id""")) {
            for (int group = 0; group < 2; group++) {
                for (int u = 0; u < USERS_PER_GROUP; u++) {
                    long user = catalogue.user("g" + group + "-user" + u);
                    userGroup.put(user, group);
                    List<Long> own = new ArrayList<>(items.get(group));
                    java.util.Collections.shuffle(own, random);
                    for (long item : own.subList(0, POSITIVES_PER_USER)) {
                        newestInteraction = Math.max(newestInteraction, event(insert, user, item, "view", 1));
                    }
                    // a click and a dislike of the same item of the other group sum to a negative: not a positive
                    long other = items.get(1 - group).get(random.nextInt(ITEMS_PER_GROUP));
                    event(insert, user, other, "click", 2);
                    newestInteraction = Math.max(newestInteraction, event(insert, user, other, "dislike", -4));
                }
            }
        }
    }

    private long event(java.sql.PreparedStatement insert, long user, long item, String type, double weight) throws SQLException {
        insert.setLong(1, catalogue.id());
        insert.setLong(2, user);
        insert.setLong(3, item);
        insert.setString(4, type);
        insert.setDouble(5, weight);
        try (var rows = insert.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @AfterEach
    void remove() throws SQLException {
        catalogue.close();
        connection.close();
    }

    @Test
    void trainsEvaluatesStoresAndActivatesAModelThatRecoversThePlantedGroups() throws SQLException {
        long id = train(new TrainingRequest(16, null, 1.0, 10, 10, null, null, List.of(5, 10)).withTuningBudget(0));

        ModelVersion version = version(id);
        assertEquals("active", version.status(), () -> "error: " + version.error());
        assertNotNull(version.activatedAt());
        assertEquals(2 * USERS_PER_GROUP, version.users());
        assertEquals(2 * ITEMS_PER_GROUP, version.items());
        assertEquals(16, version.factors());
        assertEquals("done", version.progress().phase());
        assertEquals(10, version.progress().loss().size(), "one loss per epoch of the final training");
        assertTrue(version.progress().loss().getLast() < version.progress().loss().getFirst(), "the loss decreases");
        var blend = version.parameters().getJsonObject("blend");
        assertEquals(java.util.Set.of("collaborative", "item-to-item", "trending", "ease", "rp3beta"), blend.keySet(),
                "no content source without item vectors");
        assertTrue(version.metrics().getJsonNumber("ndcg@10").doubleValue() > 0);

        // the evaluation run is stored, finished, tied to the version, with every algorithm but content
        EvaluationRun run = transactions.inNew(c -> new EvaluationStore(c).find(catalogue.id(), version.evaluationRunId())).orElseThrow();
        assertEquals("finished", run.status());
        assertEquals(id, run.modelVersionId());
        assertEquals(List.of("popularity", "item-knn", "ials", "ease", "rp3beta", "hybrid"),
                run.results().stream().map(r -> r.algorithm()).toList());
        assertEquals(List.of(5, 10), run.k());
        var ials = run.results().get(2);
        var popularity = run.results().get(0);
        assertTrue(ials.atK().get(1).ndcg() > popularity.atK().get(1).ndcg(),
                "iALS beats popularity on planted groups: " + ials.atK() + " vs " + popularity.atK());
        assertEquals(2L * USERS_PER_GROUP * POSITIVES_PER_USER, run.data().getJsonNumber("positives").longValue(),
                "the click + dislike pairs sum negative and are not positives");

        // stored rows: every item and user, neighbours within the planted group
        assertEquals(2 * ITEMS_PER_GROUP, count("item_factor", id));
        assertEquals(2 * USERS_PER_GROUP, count("user_factor", id));
        assertTrue(count("item_neighbours", id) > 0);
        assertTrue(count("item_weights", id) > 0, "EASE's and RP3beta's item weights");
        try (var folded = connection.prepareStatement("select min(folded_through_id), max(folded_through_id) from user_factor where model_version_id = ?")) {
            folded.setLong(1, id);
            try (var rows = folded.executeQuery()) {
                rows.next();
                assertEquals(newestInteraction, rows.getLong(1));
                assertEquals(newestInteraction, rows.getLong(2));
            }
        }
        int sameGroup = 0, neighbours = 0;
        try (var select = connection.prepareStatement("select item_id, unnest(neighbour_ids) from item_neighbours where model_version_id = ?")) {
            select.setLong(1, id);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    neighbours++;
                    sameGroup += itemGroup.get(rows.getLong(1)).equals(itemGroup.get(rows.getLong(2))) ? 1 : 0;
                }
            }
        }
        assertEquals(neighbours, sameGroup, "co-occurrence neighbours never cross the groups");

        // the serving query (inner product over the version's own HNSW index, named by a literal version
        // as HybridCandidates names it) gives each user their own group's items
        assertTrue(hasFactorIndex(id), "the version's partial HNSW index was built");
        int own = 0, total = 0;
        connection.setAutoCommit(false);
        try (var settings = connection.createStatement()) {
            settings.execute("set local hnsw.iterative_scan = relaxed_order");
        }
        try (var select = connection.prepareStatement("""
                select u.user_id, f.item_id from user_factor u
                 cross join lateral (select item_id from item_factor f where f.model_version_id = %d
                                      order by f.factors <#> u.factors limit 10) f
                 where u.model_version_id = ?""".formatted(id))) {
            select.setLong(1, id);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    total++;
                    own += userGroup.get(rows.getLong(1)).equals(itemGroup.get(rows.getLong(2))) ? 1 : 0;
                }
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
        assertEquals(2 * USERS_PER_GROUP * 10, total);
        assertTrue(own >= 0.95 * total, "top-10 by factors within the user's group: " + own + " of " + total);
    }

    @Test
    void aTrainingTunesOnValidationAndTrainsTheFinalModelsWithTheChosenValues() throws SQLException {
        long id = train(new TrainingRequest(null, null, null, null, null, null, null, List.of(10)).withTuningBudget(60));

        ModelVersion version = version(id);
        assertEquals("active", version.status(), () -> "error: " + version.error());
        var parameters = version.parameters();
        var tuning = parameters.getJsonObject("tuning");
        assertEquals(60, tuning.getJsonNumber("budgetSeconds").doubleValue());
        assertEquals("ndcg@10", tuning.getString("metric"));
        assertEquals(0, tuning.getJsonObject("untried").size(), "a minute is enough for the small catalogue: " + tuning);
        var trials = tuning.getJsonArray("trials").getValuesAs(jakarta.json.JsonObject.class);
        assertEquals(java.util.Set.of("item-to-item", "rp3beta", "ease", "ials"),
                trials.stream().map(t -> t.getString("algorithm")).collect(java.util.stream.Collectors.toSet()));
        assertTrue(trials.stream().allMatch(t -> t.getJsonNumber("millis").longValue() >= 0 && t.containsKey("ndcg")), trials.toString());
        // the stored values are the chosen ones, and the final model was trained with them
        var chosen = tuning.getJsonObject("chosen");
        for (String name : List.of("factors", "epochs", "neighbours", "alpha", "regularization", "easeLambda", "rp3Alpha", "rp3Beta")) {
            assertEquals(chosen.getJsonNumber(name).doubleValue(), parameters.getJsonNumber(name).doubleValue(), name);
        }
        assertEquals(chosen.getInt("factors"), version.factors());
        assertEquals(chosen.getInt("epochs"), version.progress().loss().size(), "one loss per epoch of the final training");
        // the evaluation judged the chosen values
        EvaluationRun run = transactions.inNew(c -> new EvaluationStore(c).find(catalogue.id(), version.evaluationRunId())).orElseThrow();
        var ials = run.results().stream().filter(a -> a.algorithm().equals("ials")).findFirst().orElseThrow();
        assertEquals(chosen.getInt("factors"), ials.parameters().getInt("factors"), ials.toString());
    }

    @Test
    void aTuningBudgetTooSmallStillActivatesTheStartValuesAndNamesWhatItSkipped() throws SQLException {
        long id = train(new TrainingRequest(null, null, null, null, null, null, null, null).withTuningBudget(0.000_001));

        ModelVersion version = version(id);
        assertEquals("active", version.status(), () -> "error: " + version.error());
        assertEquals(64, version.factors(), "the default");
        assertEquals(15, version.progress().loss().size());
        var tuning = version.parameters().getJsonObject("tuning");
        var untried = tuning.getJsonObject("untried");
        assertEquals(java.util.Set.of("neighbours", "rp3Beta", "rp3Alpha", "easeLambda", "alpha", "regularization", "factors",
                "epochs"), untried.keySet(), tuning.toString());
        assertEquals(List.of(32, 128), untried.getJsonArray("factors").getValuesAs(jakarta.json.JsonNumber.class).stream()
                .map(jakarta.json.JsonNumber::intValue).toList());
        assertTrue(tuning.getJsonArray("trials").size() <= 1, "at most the first trial overruns the budget: " + tuning);
        assertEquals(64, tuning.getJsonObject("chosen").getInt("factors"));
    }

    @Test
    void aTrainingIsEvaluatedOnTheSplitItNames() throws SQLException {
        long id = train(QUICK.withSplit("leave-last:2"));

        ModelVersion version = version(id);
        assertEquals("active", version.status(), () -> "error: " + version.error());
        EvaluationRun run = transactions.inNew(c -> new EvaluationStore(c).find(catalogue.id(), version.evaluationRunId())).orElseThrow();
        assertEquals("leave-last", run.protocol());
        assertEquals(2, run.split().getInt("n"), run.split().toString());
        assertEquals(2L * USERS_PER_GROUP * 2, run.data().getJsonNumber("test").longValue(), "each user's two latest positives");

        long timeCut = train(QUICK.withSplit("time-cut"));
        EvaluationRun cut = transactions.inNew(c -> new EvaluationStore(c).find(catalogue.id(), version(timeCut).evaluationRunId()))
                .orElseThrow();
        assertEquals("time-cut", cut.protocol());
        assertEquals(Math.round(0.2 * 2 * USERS_PER_GROUP * POSITIVES_PER_USER), cut.data().getJsonNumber("test").longValue(),
                "the latest fifth of the positives");
    }

    @Test
    void theParametersARequestGivesAreKeptAsGiven() throws SQLException {
        long id = train(new TrainingRequest(8, null, null, 3, 5, null, null, null).withTuningBudget(30));

        ModelVersion version = version(id);
        assertEquals("active", version.status(), () -> "error: " + version.error());
        assertEquals(8, version.factors());
        assertEquals(3, version.progress().loss().size());
        assertEquals(5, version.parameters().getInt("neighbours"));
        var tuning = version.parameters().getJsonObject("tuning");
        assertEquals(List.of("rp3Beta", "rp3Alpha", "easeLambda", "alpha", "regularization"),
                tuning.getJsonArray("tuned").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertTrue(tuning.getJsonArray("trials").getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(t -> t.getString("algorithm").equals("ials"))
                .allMatch(t -> t.getJsonObject("setting").getInt("factors") == 8 && t.getJsonObject("setting").getInt("epochs") == 3),
                tuning.toString());
    }

    @Test
    void activatesAnotherVersionRollsBackAndKeepsFactorsOfOnlyTheNewestVersions() throws SQLException {
        var quick = QUICK;
        long first = train(quick), second = train(quick);
        assertEquals("retired", version(first).status());
        assertEquals("active", version(second).status());

        transactions.inNew(c -> {
            new ModelVersions(c).activate(catalogue.id(), first);
            return null;
        });
        assertEquals("active", version(first).status(), "roll back to the previous version");
        assertEquals("retired", version(second).status());

        long third = train(quick), fourth = train(quick);
        assertEquals("active", version(fourth).status());
        // kept: the active one and the two newest others; the first's factors are gone, its row stays
        assertEquals(0, count("item_factor", first));
        assertEquals(0, count("item_neighbours", first));
        assertFalse(hasFactorIndex(first), "a cleared version's HNSW index is dropped");
        assertTrue(hasFactorIndex(second) && hasFactorIndex(third) && hasFactorIndex(fourth));
        assertEquals("retired", version(first).status());
        assertTrue(count("item_factor", second) > 0 && count("item_factor", third) > 0);
        var conflict = assertThrows(ConflictException.class, () -> Transacted.inNew(transactions, c -> {
            new ModelVersions(c).activate(catalogue.id(), first);
            return null;
        }));
        assertTrue(conflict.getMessage().contains("no longer has its factors"), conflict.getMessage());
    }

    @Test
    void aFailedTrainingKeepsThePreviousModelServingAndCannotBeActivated() throws SQLException {
        long good = train(QUICK);
        // a version whose stored parameters are unusable fails in the job
        long bad = Transacted.inNew(transactions, c -> new ModelVersions(c).open(catalogue.id(), "{}", "api"));
        assertThrows(ConflictException.class, () -> Transacted.inNew(transactions,
                c -> new ModelVersions(c).open(catalogue.id(), "{}", "api")), "one training at a time");
        new TrainingRun(transactions, 2).train(bad);

        ModelVersion failed = version(bad);
        assertEquals("failed", failed.status());
        assertNotNull(failed.error());
        assertFalse(failed.error().contains("\tat "), "no stack trace: " + failed.error());
        assertEquals("active", version(good).status());
        assertThrows(ConflictException.class, () -> Transacted.inNew(transactions, c -> {
            new ModelVersions(c).activate(catalogue.id(), bad);
            return null;
        }));
    }

    @Test
    void anOutOfMemoryErrorInATrainingFailsTheVersionAndFreesTheCatalogue() {
        String parameters = TrainingRun.parameters(new TrainingRequest(8, null, null, 3, 5, null, null, null).validated(), null).toString();
        long id = Transacted.inNew(transactions, c -> new ModelVersions(c).open(catalogue.id(), parameters, "api"));
        // the training's fifth transaction runs out of memory; recording the failure works again
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        org.openreco.recommender.embedding.control.Transactions outOfMemory = new org.openreco.recommender.embedding.control.Transactions() {
            @Override
            public <T> T inNew(Work<T> work) {
                if (calls.incrementAndGet() == 5) {
                    throw new OutOfMemoryError("Java heap space (injected)");
                }
                return transactions.inNew(work);
            }
        };

        assertTrue(new TrainingRun(outOfMemory, 2).train(id).isEmpty());

        ModelVersion failed = version(id);
        assertEquals("failed", failed.status());
        assertTrue(failed.error().contains("OutOfMemoryError"), failed.error());
        assertTrue(transactions.inNew(c -> new ModelVersions(c).training(catalogue.id())).isEmpty(), "a new training may start");
    }

    @Test
    void theWatchdogFailsATrainingWithoutProgressForLongerThanTheLimit() throws SQLException {
        long stalled = Transacted.inNew(transactions, c -> new ModelVersions(c).open(catalogue.id(), "{}", "api"));
        try (var age = connection.prepareStatement("update model_version set progressed_at = now() - interval '2 hours' where id = ?")) {
            age.setLong(1, stalled);
            age.executeUpdate();
        }

        var notYet = transactions.inNew(c -> new ModelVersions(c).failStalled(java.time.Duration.ofHours(3), "stalled"));
        var failed = transactions.inNew(c -> new ModelVersions(c).failStalled(java.time.Duration.ofHours(1), "stalled"));

        assertFalse(notYet.contains(stalled));
        assertTrue(failed.contains(stalled), failed.toString());
        assertEquals("failed", version(stalled).status());
        assertEquals("stalled", version(stalled).error());
        long next = Transacted.inNew(transactions, c -> new ModelVersions(c).open(catalogue.id(), "{}", "api"));
        assertFalse(transactions.inNew(c -> new ModelVersions(c).failStalled(java.time.Duration.ofHours(1), "stalled")).contains(next),
                "a training that just reported progress is left alone");
        transactions.inNew(c -> new ModelVersions(c).fail(next, "test over"));
    }

    @Test
    void aCatalogueWithoutEnoughInteractionsFailsWithAReadableMessage() throws SQLException {
        try (var delete = connection.prepareStatement("delete from interaction where catalogue_id = ?")) {
            delete.setLong(1, catalogue.id());
            delete.executeUpdate();
        }
        long id = train(QUICK);
        ModelVersion version = version(id);
        assertEquals("failed", version.status());
        assertTrue(version.error().contains("too few interactions"), version.error());
        assertNull(version.activatedAt());
        var run = transactions.inNew(c -> new EvaluationStore(c).list(catalogue.id(), 5));
        assertEquals("failed", run.getFirst().status());
    }

    /** Tuning off: these tests are about storing and activating. */
    private static final TrainingRequest QUICK = new TrainingRequest(8, null, null, 3, 5, null, null, null).withTuningBudget(0);

    private long train(TrainingRequest request) {
        String parameters = TrainingRun.parameters(request.validated(), null).toString();
        long id = Transacted.inNew(transactions, c -> new ModelVersions(c).open(catalogue.id(), parameters, "api"));
        new TrainingRun(transactions, 2).train(id);
        return id;
    }

    private ModelVersion version(long id) {
        return transactions.inNew(c -> new ModelVersions(c).find(catalogue.id(), id)).orElseThrow();
    }

    private boolean hasFactorIndex(long versionId) throws SQLException {
        try (var select = connection.prepareStatement("select to_regclass(?) is not null")) {
            select.setString(1, ModelStore.indexName(versionId));
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private long count(String table, long versionId) throws SQLException {
        try (var select = connection.prepareStatement("select count(*) from " + table + " where model_version_id = ?")) {
            select.setLong(1, versionId);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
