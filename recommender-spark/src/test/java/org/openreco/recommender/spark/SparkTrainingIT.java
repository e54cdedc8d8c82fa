package org.openreco.recommender.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.evaluation.boundary.MetricsAtK;
import org.openreco.recommender.evaluation.control.Evaluator;
import org.openreco.recommender.evaluation.control.Splitter;
import org.openreco.recommender.training.boundary.ModelVersion;
import org.openreco.recommender.training.boundary.TrainingRequest;
import org.openreco.recommender.training.control.AlsModel;
import org.openreco.recommender.training.control.CatalogueInteractions;
import org.openreco.recommender.training.control.ImplicitAls;
import org.openreco.recommender.training.control.ItemKnn;
import org.openreco.recommender.training.control.ItemNeighbours;
import org.openreco.recommender.training.control.ModelStore;
import org.openreco.recommender.training.control.ModelVersions;
import org.openreco.recommender.training.control.SparkJob;
import org.openreco.recommender.training.control.TrainingRun;
import org.openreco.recommender.evaluation.control.CatalogueEvaluation;

/**
 * The server's training path (TrainingRun, outside the container) with a catalogue whose engine is Spark:
 * the job runs as its own process on local[2] against the test database, and the version it trained is
 * evaluated, activated and ranked by the product's pipeline; a job that dies fails its version.
 */
class SparkTrainingIT {

    private static final String SPARK_SETTINGS = "{\"trainingEngine\": \"spark\", \"sparkMaster\": \"local[2]\"}";
    private static final Executor THREAD = task -> Thread.ofPlatform().daemon().start(task);
    private static final TestDatabase DATABASE = new TestDatabase();
    private static long movieLens;

    @BeforeAll
    static void movieLensOnSpark() throws Exception {
        TestDatabase.migrate();
        // the job's classpath: this module's classes and its runtime jars (written at package)
        String jars = Files.readString(Path.of("target", "job.classpath")).strip();
        System.setProperty(SparkJob.CLASSPATH, Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator + jars);
        System.setProperty(SparkJob.HEAP, "1g");
        try (var connection = TestDatabase.connect()) {
            movieLens = TestDatabase.loadMovieLens(connection, SPARK_SETTINGS, Integer.MAX_VALUE);
        }
    }

    @AfterAll
    static void removeCatalogue() throws Exception {
        TestDatabase.deleteCatalogue(movieLens);
    }

    @Test
    void a_spark_trained_version_is_evaluated_activated_and_ranked() throws Exception {
        long version = open(movieLens);
        Set<String> phases = new ConcurrentSkipListSet<>();
        var watching = Thread.ofPlatform().daemon().start(() -> watchPhases(version, phases));
        var activated = run().train(version);
        watching.interrupt();

        ModelVersion trained = DATABASE.inNew(c -> new ModelVersions(c).find(version)).orElseThrow();
        assertEquals("active", trained.status(), "error: " + trained.error());
        assertTrue(activated.isPresent());
        assertTrue(phases.stream().anyMatch(p -> p.startsWith("spark: training ALS")), "phases seen: " + phases);
        assertNotNull(trained.evaluationRunId());
        assertEquals(20, trained.metrics().getJsonArray("servedSample").size(), "the pipeline's lists: " + trained.metrics());
        assertEquals(10, trained.metrics().getJsonArray("servedSample").getJsonObject(0).getJsonArray("items").size());

        var data = DATABASE.inNew(c -> new CatalogueInteractions(c).read(movieLens));
        var matrix = data.log().matrix(data.log().allRows());
        long itemsWithPositives = java.util.stream.IntStream.range(0, matrix.cols())
                .filter(i -> matrix.transpose().rowLength(i) > 0).count();
        assertEquals(itemsWithPositives, count("item_factor", version));
        assertEquals(data.log().userCount() - zeroRows(matrix), count("user_factor", version));

        // the same neighbour definition as the server's item-kNN: the same lists, in the same order
        ItemNeighbours spark = new ModelStore(DATABASE).readNeighbours(version, data);
        ItemNeighbours server = new ItemKnn(TrainingRequest.defaults().neighbours(), true, 0).neighbours(matrix);
        int differing = 0;
        for (int i = 0; i < server.itemCount(); i++) {
            if (!Arrays.equals(spark.neighbours(i), server.neighbours(i))) {
                differing++;
            }
        }
        assertEquals(0, differing, "items whose neighbour lists differ from the server's item-kNN");
    }

    @Test
    void spark_als_ranks_within_noise_of_the_in_server_ials_on_one_split() throws Exception {
        var request = TrainingRequest.defaults();
        var data = DATABASE.inNew(c -> new CatalogueInteractions(c).read(movieLens));
        var split = Splitter.randomHoldout(data.log(), request.testRatio(), request.seed());
        var train = split.trainMatrix();
        var test = split.testMatrix();
        var evaluator = new Evaluator(new int[] {10}, null, 0);
        MetricsAtK server = evaluator.evaluate("ials", new ImplicitAls(CatalogueEvaluation.als(request, 0)).fit(train), train, test)
                .atK().getFirst();

        SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-it").config("spark.ui.enabled", false)
                .config("spark.sql.shuffle.partitions", 4).config("spark.local.dir", Path.of("target", "spark-local").toString())
                .getOrCreate();
        MetricsAtK onSpark;
        try {
            List<Row> rows = new ArrayList<>();
            for (int u = 0; u < train.rows(); u++) {
                for (int e = train.rowStart(u); e < train.rowEnd(u); e++) {
                    rows.add(RowFactory.create((long) u, (long) train.column(e), (double) train.value(e)));
                }
            }
            var schema = new StructType().add("user_id", DataTypes.LongType).add("item_id", DataTypes.LongType)
                    .add("weight", DataTypes.DoubleType);
            var parameters = new VersionRow.Parameters(movieLens, request.factors(), request.alpha(), request.regularization(),
                    request.epochs(), request.neighbours(), request.seed());
            var factors = new SparkAls(parameters).fit(spark.createDataFrame(rows, schema));
            float[] users = new float[train.rows() * request.factors()], items = new float[train.cols() * request.factors()];
            for (Row row : factors.users().collectAsList()) {
                copy(row, users, request.factors());
            }
            for (Row row : factors.items().collectAsList()) {
                copy(row, items, request.factors());
            }
            var model = AlsModel.restore(request.factors(), users, items, request.regularization(), request.alpha());
            onSpark = evaluator.evaluate("spark-als", model, train, test).atK().getFirst();
        } finally {
            spark.stop();
        }
        double[] noise = server.intervals().get("ndcg");
        System.out.printf(Locale.ROOT, "NDCG@10 on one split (test ratio %.2f, seed %d): in-server iALS %.4f [95 %% bootstrap %.4f, %.4f], "
                + "Spark ALS %.4f [%.4f, %.4f]%n", request.testRatio(), request.seed(), server.ndcg(), noise[0], noise[1],
                onSpark.ndcg(), onSpark.intervals().get("ndcg")[0], onSpark.intervals().get("ndcg")[1]);
        // within noise: inside the in-server model's 95 % bootstrap interval over the test users, or above it
        assertTrue(onSpark.ndcg() >= noise[0], "Spark ALS NDCG@10 " + onSpark.ndcg() + " below the in-server interval "
                + Arrays.toString(noise));
    }

    @Test
    void a_killed_spark_job_fails_its_version_with_the_exit() throws Exception {
        long small;
        try (var connection = TestDatabase.connect()) {
            small = TestDatabase.loadMovieLens(connection, SPARK_SETTINGS, 5_000);
        }
        try {
            long version = open(small);
            var training = Thread.ofPlatform().start(() -> run().train(version));
            ProcessHandle job = null;
            for (int wait = 0; wait < 600 && job == null; wait++) {
                // the training's only child process is the job's JVM
                job = ProcessHandle.current().children().filter(p -> p.info().command().orElse("").endsWith("/java"))
                        .findFirst().orElse(null);
                Thread.sleep(100);
            }
            assertNotNull(job, "the Spark job's process never started");
            Thread.sleep(2_000);
            job.destroyForcibly();
            training.join(TimeUnit.SECONDS.toMillis(120));

            ModelVersion failed = DATABASE.inNew(c -> new ModelVersions(c).find(version)).orElseThrow();
            assertEquals("failed", failed.status());
            assertTrue(failed.error().contains("killed by signal 9"), failed.error());
            assertEquals(0, count("item_factor", version) + count("user_factor", version) + count("item_neighbours", version));
        } finally {
            TestDatabase.deleteCatalogue(small);
        }
    }

    private static TrainingRun run() {
        return new TrainingRun(DATABASE, 0, THREAD, new SparkJob(DATABASE, Path.of("target", "spark-work").toAbsolutePath()));
    }

    private static long open(long catalogueId) {
        String parameters = TrainingRun.parameters(TrainingRequest.defaults(), null).toString();
        return DATABASE.inNew(c -> new ModelVersions(c).open(catalogueId, parameters, "api"));
    }

    private static void watchPhases(long version, Set<String> phases) {
        while (!Thread.currentThread().isInterrupted()) {
            DATABASE.inNew(c -> {
                try (var select = c.prepareStatement("select progress->>'phase' from model_version where id = ?")) {
                    select.setLong(1, version);
                    try (var rows = select.executeQuery()) {
                        if (rows.next() && rows.getString(1) != null) {
                            phases.add(rows.getString(1));
                        }
                    }
                }
                return null;
            });
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long count(String table, long version) {
        return DATABASE.inNew(c -> {
            try (var select = c.prepareStatement("select count(*) from " + table + " where model_version_id = ?")) {
                select.setLong(1, version);
                try (var rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private static int zeroRows(org.openreco.recommender.training.control.InteractionMatrix matrix) {
        int zero = 0;
        for (int u = 0; u < matrix.rows(); u++) {
            zero += matrix.rowLength(u) == 0 ? 1 : 0;
        }
        return zero;
    }

    private static void copy(Row row, float[] target, int factors) {
        int index = (int) row.getLong(0);
        List<Float> features = row.getList(1);
        for (int f = 0; f < factors; f++) {
            target[index * factors + f] = features.get(f);
        }
    }
}
