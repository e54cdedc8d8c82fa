package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training and evaluation through the admin API of the deployed EAR, on MovieLens (ml-latest-small)
 * imported through the import API and embedded by the server's model (so the content source takes
 * part): a training is started, followed until its model is active, its stored evaluation run judged
 * against the targets, and a second model rolled back to the first. Expected metric orders
 * come from the protocol (iALS and item-kNN beat popularity), never from the code under test.
 */
class TrainingApiIT {

    static Storefront movies;
    static final List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void importAndEmbedMovieLens() throws SQLException {
        if (!Files.isReadable(ImportsApiIT.MOVIELENS.resolve("ratings.csv"))) {
            return;
        }
        movies = Storefront.create("train-ml");
        CREATED.add(movies.catalogue);
        String settings = Api.get("/api/v1/catalogues/" + movies.catalogue + "/settings").body();
        var updated = Api.put("/api/v1/catalogues/" + movies.catalogue + "/settings", settings.replaceAll(
                "\"embeddingModel\"\\s*:\\s*\"[^\"]*\"", "\"embeddingModel\":\"" + RecommendationsApiIT.MODEL + "\""));
        assertEquals(200, updated.status(), updated.body());
        var imported = ImportsApiIT.await(movies.catalogue, ImportsApiIT.start(movies.catalogue,
                "{\"kind\":\"movielens\",\"path\":\"" + ImportsApiIT.importableMovieLens() + "\"}"));
        assertEquals("completed", imported.getString("status"), imported.toString());
        RecommendationsApiIT.embedAll(movies.catalogue, RecommendationsApiIT.MODEL, 9_742);
        awaitQuietQueue(movies.catalogue);
    }

    /** Until no user or item waits for re-embedding: the taste vectors a training reads stay as served. */
    static void awaitQuietQueue(String catalogue) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long waiting;
        while ((waiting = Database.<Long>single("""
                select count(*) from embedding_queue q join catalogue c on c.id = q.catalogue_id
                 where c.name = ? and not q.parked""", catalogue)) > 0) {
            assertTrue(System.nanoTime() < deadline, waiting + " marks still queued");
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @AfterAll
    static void deleteTheCatalogues() throws SQLException {
        try (var db = VectorFixtures.database(); var ps = db.prepareStatement("delete from catalogue where name = any(?)")) {
            ps.setArray(1, db.createArrayOf("text", CREATED.toArray()));
            ps.executeUpdate();
        }
    }

    static void requireMovieLens() {
        assumeTrue(movies != null, "MovieLens is absent: download https://files.grouplens.org/datasets/movielens/ml-latest-small.zip"
                + " and unzip it into " + ImportsApiIT.DATASETS + " (or set RECOMMENDER_DATASETS)");
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void a_training_on_movielens_is_evaluated_activated_and_can_be_rolled_back() {
        requireMovieLens();
        String base = "/api/v1/admin/catalogues/" + movies.catalogue;
        long started = System.nanoTime();
        var start = Api.post(base + "/training", "{\"k\":[10,20]}");
        assertEquals(202, start.status(), start.body());
        var first = start.json();
        assertEquals("training", first.getString("status"));
        assertEquals("api", first.getString("triggeredBy"));
        long firstId = first.getJsonNumber("id").longValue();

        var again = Api.post(base + "/training", "{}");
        assertEquals(409, again.status(), "one training at a time: " + again.body());
        assertEquals("status", again.json().getString("field"));
        var early = Api.post(base + "/models/" + firstId + "/activate", "");
        assertEquals(409, early.status(), "a training version cannot be activated: " + early.body());

        var trained = awaitFinished(base, firstId);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("BENCHMARK TrainingApiIT: ml-latest-small trained, evaluated, stored and activated in %.1f s "
                + "(poll to poll, %d users, %d items, %d interactions)%n", seconds, trained.getInt("users"),
                trained.getInt("items"), trained.getJsonNumber("interactions").longValue());
        assertEquals("active", trained.getString("status"), trained.toString());
        var progress = trained.getJsonObject("progress");
        assertEquals("done", progress.getString("phase"));
        // the final model trains with the epochs the tuning chose
        int epochs = trained.getJsonObject("parameters").getInt("epochs");
        assertEquals(epochs, progress.getInt("epochs"));
        assertEquals(epochs, progress.getInt("epoch"));
        var loss = progress.getJsonArray("loss").getValuesAs(JsonNumber.class).stream().map(JsonNumber::doubleValue).toList();
        assertEquals(epochs, loss.size(), "a loss per epoch: " + loss);
        var tuning = trained.getJsonObject("parameters").getJsonObject("tuning");
        assertEquals(25.0, tuning.getJsonNumber("budgetSeconds").doubleValue(), tuning.toString());
        var trials = tuning.getJsonArray("trials").getValuesAs(JsonObject.class);
        assertTrue(trials.stream().anyMatch(t -> t.getString("algorithm").equals("ials")), "the budget reaches iALS: " + tuning);
        assertEquals(tuning.getJsonObject("chosen").getInt("factors"), trained.getInt("factors"), tuning.toString());
        System.out.printf("BENCHMARK TrainingApiIT: tuning %.1f s of %.0f s, %d trials, chosen %s, not tried %s%n",
                tuning.getJsonNumber("seconds").doubleValue(), tuning.getJsonNumber("budgetSeconds").doubleValue(), trials.size(),
                tuning.getJsonObject("chosen"), tuning.getJsonObject("untried"));
        assertTrue(loss.stream().allMatch(l -> l > 0) && loss.getLast() < loss.getFirst(), "the loss falls: " + loss);
        var blend = trained.getJsonObject("parameters").getJsonObject("blend");
        assertEquals(java.util.Set.of("collaborative", "item-to-item", "content", "trending", "ease", "rp3beta"), blend.keySet());
        assertFalse(trained.getJsonObject("parameters").containsKey("easeSkipped"), "ml-latest-small fits EASE: " + trained);
        assertTrue(trained.getJsonObject("metrics").getJsonNumber("ndcg@10").doubleValue() > 0, trained.toString());
        theEvaluatorsListsAreTheServedOnes(trained);

        // the stored evaluation: five algorithms side by side at K = 10 and 20
        long runId = trained.getJsonNumber("evaluationRunId").longValue();
        var run = Api.get(base + "/evaluations/" + runId).json();
        assertEquals("finished", run.getString("status"), run.toString());
        assertEquals(firstId, run.getJsonNumber("modelVersionId").longValue());
        assertTrue(run.getJsonObject("data").getInt("users") > 600, run.getJsonObject("data").toString());
        Map<String, JsonObject> at10 = new java.util.LinkedHashMap<>();
        for (var result : run.getJsonArray("results").getValuesAs(JsonObject.class)) {
            var atK = result.getJsonArray("atK").getValuesAs(JsonObject.class);
            assertEquals(List.of(10, 20), atK.stream().map(m -> m.getInt("k")).toList(), result.toString());
            for (String metric : List.of("precision", "recall", "ndcg", "map", "mrr", "hitRate", "coverage", "novelty")) {
                assertFalse(atK.getFirst().isNull(metric), metric + " of " + result);
            }
            at10.put(result.getString("algorithm"), atK.getFirst());
        }
        assertEquals(List.of("popularity", "item-knn", "content", "ials", "ease", "rp3beta", "hybrid"), List.copyOf(at10.keySet()));
        double popularity = ndcg(at10, "popularity");
        System.out.printf("BENCHMARK TrainingApiIT: NDCG@10 popularity %.4f, item-knn %.4f, content %.4f, ials %.4f, ease %.4f, "
                + "rp3beta %.4f, hybrid %.4f; blend %s%n", popularity, ndcg(at10, "item-knn"), ndcg(at10, "content"),
                ndcg(at10, "ials"), ndcg(at10, "ease"), ndcg(at10, "rp3beta"), ndcg(at10, "hybrid"), blend);
        assertTrue(ndcg(at10, "ease") > popularity, "EASE beats popularity: " + at10);
        assertTrue(ndcg(at10, "rp3beta") > popularity, "RP3beta beats popularity: " + at10);
        assertTrue(ndcg(at10, "ials") > popularity, "iALS beats popularity: " + at10);
        assertTrue(ndcg(at10, "item-knn") > popularity, "item-kNN beats popularity: " + at10);
        double bestSingle = at10.keySet().stream().filter(a -> !a.equals("hybrid")).mapToDouble(a -> ndcg(at10, a)).max().orElseThrow();
        assertTrue(ndcg(at10, "hybrid") >= bestSingle, "the served ranking scores at least the best single algorithm: " + at10);
        assertTrue(run.containsKey("coldStart"), run.toString());

        // the active model serves: a MovieLens user's list draws on the trained sources, not only on content
        var served = movies.get("users/1/recommendations?n=20");
        assertEquals(200, served.status(), served.body());
        var sources = served.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getString("source")).collect(java.util.stream.Collectors.toSet());
        assertTrue(sources.contains("collaborative") || sources.contains("item-to-item") || sources.contains("ease")
                || sources.contains("rp3beta"),
                "the trained model's sources serve: " + served.body());

        var history = Api.get(base + "/evaluations").array();
        assertEquals(runId, history.getJsonObject(0).getJsonNumber("id").longValue(), "newest first");

        // a second model, without tuning, replaces it; the first can be re-activated
        long untunedStart = System.nanoTime();
        var second = Api.post(base + "/training", "{\"tuningBudgetSeconds\":0}");
        assertEquals(202, second.status(), second.body());
        long secondId = second.json().getJsonNumber("id").longValue();
        var untuned = awaitFinished(base, secondId);
        System.out.printf("BENCHMARK TrainingApiIT: ml-latest-small with tuning off trained, evaluated, stored and activated in "
                + "%.1f s (poll to poll)%n", (System.nanoTime() - untunedStart) / 1e9);
        assertEquals("active", untuned.getString("status"));
        var off = untuned.getJsonObject("parameters").getJsonObject("tuning");
        assertEquals(0, off.getJsonArray("trials").size(), off.toString());
        assertEquals(Set.of("neighbours", "rp3Beta", "rp3Alpha", "easeLambda", "alpha", "regularization", "factors",
                "epochs"), off.getJsonObject("untried").keySet(), "tuning off names what it skipped");
        assertEquals(64, untuned.getInt("factors"), "the defaults");
        assertEquals("retired", Api.get(base + "/training/" + firstId).json().getString("status"));
        var versions = Api.get(base + "/training").array();
        assertEquals(List.of(secondId, firstId), versions.getValuesAs(JsonObject.class).stream()
                .map(v -> v.getJsonNumber("id").longValue()).toList());

        var rollBack = Api.post(base + "/models/" + firstId + "/activate", "");
        assertEquals(200, rollBack.status(), rollBack.body());
        assertEquals("active", rollBack.json().getString("status"));
        assertEquals("retired", Api.get(base + "/training/" + secondId).json().getString("status"));
    }

    @Test
    void a_stand_alone_evaluation_stores_a_run_without_a_model() {
        requireMovieLens();
        String base = "/api/v1/admin/catalogues/" + movies.catalogue;
        var start = Api.post(base + "/evaluations",
                "{\"factors\":16,\"epochs\":5,\"testRatio\":0.25,\"seed\":7,\"split\":\"time-cut\",\"tuningBudgetSeconds\":0}");
        assertEquals(202, start.status(), start.body());
        assertNotNull(start.json().getJsonObject("split"));
        long id = start.json().getJsonNumber("id").longValue();
        JsonObject run = await(() -> Api.get(base + "/evaluations/" + id).json(), r -> !r.getString("status").equals("running"));
        assertEquals("finished", run.getString("status"), run.toString());
        assertTrue(!run.containsKey("modelVersionId") || run.isNull("modelVersionId"), run.toString());
        assertEquals(0.25, run.getJsonObject("split").getJsonNumber("ratio").doubleValue());
        assertEquals("time-cut", run.getJsonObject("split").getString("kind"), run.toString());
        assertEquals("time-cut", run.getString("protocol"), run.toString());
        assertEquals(7, run.getJsonArray("results").size(), "popularity, item-kNN, content, iALS, EASE, RP3beta, hybrid");
    }

    @Test
    void a_training_that_fails_is_marked_failed_with_a_message_and_cannot_be_activated() {
        String empty = ImportsApiIT.newCatalogue("train-empty");
        CREATED.add(empty);
        String base = "/api/v1/admin/catalogues/" + empty;
        var start = Api.post(base + "/training", "{}");
        assertEquals(202, start.status(), start.body());
        long id = start.json().getJsonNumber("id").longValue();
        var failed = awaitFinished(base, id);
        assertEquals("failed", failed.getString("status"), failed.toString());
        assertTrue(failed.getString("error").contains("too few interactions"), failed.getString("error"));
        var activate = Api.post(base + "/models/" + id + "/activate", "");
        assertEquals(409, activate.status(), activate.body());
        assertEquals("status", activate.json().getString("field"));
    }

    @Test
    void bad_input_unknown_names_and_missing_credentials_are_answered_with_json_errors() {
        String catalogue = ImportsApiIT.newCatalogue("train-errors");
        CREATED.add(catalogue);
        String base = "/api/v1/admin/catalogues/" + catalogue;
        for (var bad : Map.ofEntries(
                Map.entry("{\"factors\":0}", "factors"),
                Map.entry("{\"factors\":129}", "factors"),
                Map.entry("{\"alpha\":-1}", "alpha"),
                Map.entry("{\"epochs\":0}", "epochs"),
                Map.entry("{\"neighbours\":0}", "neighbours"),
                Map.entry("{\"testRatio\":1.0}", "testRatio"),
                Map.entry("{\"k\":[0]}", "k"),
                Map.entry("{\"regularization\":-0.5}", "regularization"),
                Map.entry("{\"easeLambda\":0}", "easeLambda"),
                Map.entry("{\"easeMaxItems\":-1}", "easeMaxItems"),
                Map.entry("{\"rp3Beta\":-1}", "rp3Beta"),
                Map.entry("{\"tuningBudgetSeconds\":-1}", "tuningBudgetSeconds"),
                Map.entry("{\"tuned\":[\"gamma\"]}", "tuned"),
                Map.entry("{\"split\":\"leave-last:0\"}", "split")).entrySet()) {
            var reply = Api.post(base + "/training", bad.getKey());
            assertEquals(400, reply.status(), bad.getKey() + ": " + reply.body());
            assertEquals(bad.getValue(), reply.json().getString("field"), reply.body());
            assertFalse(reply.body().contains("Exception"), reply.body());
            assertEquals(400, Api.post(base + "/evaluations", bad.getKey()).status(), bad.getKey());
        }
        var malformed = Api.post(base + "/training", "{\"factors\":");
        assertEquals(400, malformed.status(), malformed.body());

        assertEquals(404, Api.get("/api/v1/admin/catalogues/no-such-catalogue-x/training").status());
        assertEquals(404, Api.post("/api/v1/admin/catalogues/no-such-catalogue-x/training", "{}").status());
        assertEquals(404, Api.get(base + "/training/999999999").status());
        assertEquals(404, Api.post(base + "/models/999999999/activate", "").status());
        assertEquals(404, Api.get(base + "/evaluations/999999999").status());
        assertEquals("[]", Api.get(base + "/training").body().replaceAll("\\s", ""));

        // the admin API wants the admin: no credentials, a storefront key, a wrong password
        assertEquals(401, Api.as(null, null, base + "/training").status());
        assertEquals(401, Api.as("admin", "wrong-password", base + "/training").status());
        var store = Storefront.create("train-key");
        CREATED.add(store.catalogue);
        for (String path : List.of("/api/v1/admin/catalogues/" + store.catalogue + "/training",
                "/api/v1/admin/catalogues/" + store.catalogue + "/evaluations")) {
            int status = withKey(path, store.key);
            assertTrue(status == 401 || status == 403, path + " answered " + status + " to a storefront key");
        }
    }

    @Test
    void the_openapi_document_lists_the_training_endpoints() {
        var paths = Api.get("/openapi?format=JSON").json().getJsonObject("paths");
        String base = "/api/v1/admin/catalogues/{catalogue}/";
        var expected = Map.of(
                base + "training", List.of("get", "post"),
                base + "training/{id}", List.of("get"),
                base + "models/{id}/activate", List.of("post"),
                base + "evaluations", List.of("get", "post"),
                base + "evaluations/{id}", List.of("get"));
        expected.forEach((path, methods) -> {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
            assertTrue(paths.getJsonObject(path).keySet().containsAll(methods), path + ": " + paths.getJsonObject(path).keySet());
        });
    }

    // ---------------------------------------------------------------------------------------------

    private static double ndcg(Map<String, JsonObject> at10, String algorithm) {
        return at10.get(algorithm).getJsonNumber("ndcg").doubleValue();
    }

    /**
     * The lists the training job's evaluator ranked for a sample of users with the new model are what the
     * storefront API answers them now: the same items in the same order (one ranking pipeline).
     */
    private static void theEvaluatorsListsAreTheServedOnes(JsonObject trained) {
        var sample = trained.getJsonObject("metrics").getJsonArray("servedSample");
        assertEquals(20, sample.size(), trained.toString());
        int compared = 0;
        for (var value : sample.getValuesAs(JsonObject.class)) {
            var expected = value.getJsonArray("items").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).toList();
            var reply = movies.get("users/" + value.getString("user") + "/recommendations?n=10");
            assertEquals(200, reply.status(), reply.body());
            var served = reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .map(item -> item.getString("itemId")).toList();
            assertEquals(expected, served, "user " + value.getString("user") + ": evaluated " + expected + ", served " + reply.body());
            assertEquals(10, served.size());
            compared++;
        }
        System.out.printf("TrainingApiIT: the evaluator's top 10 equals the served list for all %d sampled users%n", compared);
    }

    /** Polls the version until it is no longer training (at most five minutes). */
    static JsonObject awaitFinished(String base, long id) {
        return await(() -> Api.get(base + "/training/" + id).json(), v -> !v.getString("status").equals("training"));
    }

    static JsonObject await(java.util.function.Supplier<JsonObject> poll, java.util.function.Predicate<JsonObject> done) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            var value = poll.get();
            if (done.test(value)) {
                return value;
            }
            assertFalse(System.nanoTime() > deadline, "not finished: " + value);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static int withKey(String path, String key) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Api.BASE + path))
                    .header("Authorization", "Bearer " + key).GET().timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
