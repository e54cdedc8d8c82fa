package org.openreco.recommender.spark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.openreco.recommender.training.boundary.TrainingRequest;
import org.openreco.recommender.training.control.CatalogueInteractions;
import org.openreco.recommender.training.control.ImplicitAls;
import org.openreco.recommender.training.control.ItemKnn;
import org.openreco.recommender.training.control.ModelStore;
import org.openreco.recommender.training.control.ModelVersions;
import org.openreco.recommender.training.control.SparkJob;
import org.openreco.recommender.training.control.TrainingRun;
import org.openreco.recommender.evaluation.control.CatalogueEvaluation;

/**
 * Spark local[2] against in-server training (not a test; bin/benchmark-spark prints the machine first):
 * <ol>
 * <li>ml-latest-small, the whole product training (TrainingRun: load, evaluation, collaborative model,
 * EASE, RP3beta, storing, activation) with each engine: wall time, the phases, the server JVM's peak heap
 * in use and the Spark job JVM's peak RSS (VmHWM);</li>
 * <li>a synthetic catalogue of {@code --synthetic} events: the Spark job alone against the in-server iALS +
 * item-kNN on the same data (load included, no evaluation), time and peak memory;</li>
 * <li>events per second a writer of single events (one transaction each, as the events API) gets into the
 * database alone and while the Spark job reads the synthetic catalogue.</li>
 * </ol>
 * Arguments: {@code --synthetic=1000000 --users=50000 --items=10000 --spark-heap=2g}.
 */
public final class SparkTrainingBenchmark {

    private static final TestDatabase DATABASE = new TestDatabase();

    public static void main(String[] args) throws Exception {
        var options = new java.util.HashMap<String, String>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int synthetic = Integer.parseInt(options.getOrDefault("synthetic", "1000000"));
        int users = Integer.parseInt(options.getOrDefault("users", "50000"));
        int items = Integer.parseInt(options.getOrDefault("items", "10000"));
        System.setProperty(SparkJob.HEAP, options.getOrDefault("spark-heap", "2g"));
        String jars = Files.readString(Path.of("recommender-spark", "target", "job.classpath")).strip();
        System.setProperty(SparkJob.CLASSPATH, Path.of("recommender-spark", "target", "classes").toAbsolutePath()
                + java.io.File.pathSeparator + jars);
        TestDatabase.migrate();
        out("settings: TrainingRequest defaults %s; Spark job heap -Xmx%s, master local[2]; this JVM -Xmx%d MiB",
                TrainingRun.parameters(TrainingRequest.defaults(), null), System.getProperty(SparkJob.HEAP),
                Runtime.getRuntime().maxMemory() >> 20);

        out("%n== 1. ml-latest-small, the whole product training");
        for (String engine : new String[] {"in-server", "spark"}) {
            String settings = engine.equals("spark") ? "{\"trainingEngine\": \"spark\", \"sparkMaster\": \"local[2]\"}" : "{}";
            long catalogue;
            try (var connection = TestDatabase.connect()) {
                catalogue = TestDatabase.loadMovieLens(connection, settings, Integer.MAX_VALUE);
            }
            try {
                long version = DATABASE.inNew(c -> new ModelVersions(c).open(catalogue,
                        TrainingRun.parameters(TrainingRequest.defaults(), null).toString(), "api"));
                var phases = new ArrayList<String>();
                Handler capture = new Handler() {
                    @Override
                    public void publish(LogRecord record) {
                        if (record.getMessage() != null && record.getMessage().contains("trained and activated")) {
                            phases.add(record.getMessage().replaceAll(": \\{.*", ""));
                        }
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                };
                Logger.getLogger(TrainingRun.class.getName()).addHandler(capture);
                try (var memory = new PeakMemory()) {
                    long start = System.nanoTime();
                    new TrainingRun(DATABASE, 0, task -> Thread.ofPlatform().daemon().start(task), new SparkJob(DATABASE, Path.of("recommender-spark", "target",
                            "benchmark-work").toAbsolutePath())).train(version);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    var trained = DATABASE.inNew(c -> new ModelVersions(c).find(version)).orElseThrow();
                    out("%s: %s in %.1f s; this JVM's peak heap in use %d MiB; Spark job JVM peak RSS %s; hybrid NDCG@10 %s",
                            engine, trained.status(), seconds, memory.heapMiB(), memory.childMiB(),
                            trained.metrics() == null ? "-" : trained.metrics().get("ndcg@10"));
                    out("  %s", phases.isEmpty() ? "error: " + trained.error() : phases.getFirst());
                } finally {
                    Logger.getLogger(TrainingRun.class.getName()).removeHandler(capture);
                }
            } finally {
                TestDatabase.deleteCatalogue(catalogue);
            }
        }

        if (synthetic > 0) {
            out("%n== 2. synthetic catalogue: %,d view events, %,d users, %,d items (item popularity ~ u³)", synthetic, users, items);
            long catalogue;
            long loadStart = System.nanoTime();
            try (var connection = TestDatabase.connect()) {
                catalogue = synthetic(connection, synthetic, users, items);
            }
            out("loaded in %.1f s", (System.nanoTime() - loadStart) / 1e9);
            long writes;
            try (var connection = TestDatabase.connect()) {
                writes = synthetic(connection, 0, 1_000, 1_000);
            }
            try {
                var data0 = System.nanoTime();
                try (var memory = new PeakMemory()) {
                    var data = DATABASE.inNew(c -> new CatalogueInteractions(c).read(catalogue));
                    var request = TrainingRequest.defaults();
                    var matrix = data.log().matrix(data.log().allRows());
                    double loaded = (System.nanoTime() - data0) / 1e9;
                    new ImplicitAls(CatalogueEvaluation.als(request, 0)).fit(matrix);
                    new ItemKnn(request.neighbours(), true, 0).neighbours(matrix);
                    out("in-server iALS + item-kNN: %.1f s (load %.1f s), %,d positives; this JVM's peak heap in use %d MiB",
                            (System.nanoTime() - data0) / 1e9, loaded, matrix.nonZeros(), memory.heapMiB());
                } catch (OutOfMemoryError e) {
                    out("in-server iALS + item-kNN: out of memory with -Xmx%d MiB", Runtime.getRuntime().maxMemory() >> 20);
                }
                System.gc();

                double alone = writeRate(writes, 10, null);
                out("single-event writes alone: %.0f events/s (10 s)", alone);
                long version = DATABASE.inNew(c -> new ModelVersions(c).open(catalogue,
                        TrainingRun.parameters(TrainingRequest.defaults(), null).toString(), "api"));
                long through = DATABASE.inNew(c -> {
                    try (var s = c.prepareStatement("select max(id) from interaction where catalogue_id = ?")) {
                        s.setLong(1, catalogue);
                        try (var r = s.executeQuery()) {
                            r.next();
                            return r.getLong(1);
                        }
                    }
                });
                var job = new SparkJob(DATABASE, Path.of("recommender-spark", "target", "benchmark-work").toAbsolutePath());
                try (var memory = new PeakMemory()) {
                    AtomicBoolean done = new AtomicBoolean();
                    long start = System.nanoTime();
                    var writer = Thread.ofPlatform().start(() -> out("single-event writes during the Spark job: %.0f events/s",
                            writeRate(writes, 0, done)));
                    try {
                        job.run(version, through, "local[2]");
                    } finally {
                        done.set(true);
                        writer.join();
                    }
                    out("Spark job (read, ALS, neighbours, write) local[2]: %.1f s; job JVM peak RSS %s",
                            (System.nanoTime() - start) / 1e9, memory.childMiB());
                } finally {
                    DATABASE.inNew(c -> new ModelVersions(c).fail(version, "benchmark"));
                    new ModelStore(DATABASE).remove(version);
                }
            } finally {
                TestDatabase.deleteCatalogue(catalogue);
                TestDatabase.deleteCatalogue(writes);
            }
        }
    }

    /** A catalogue of random view events; item popularity skewed as u³ of a uniform u. */
    static long synthetic(java.sql.Connection connection, int events, int users, int items) throws Exception {
        connection.setAutoCommit(false);
        long catalogue;
        try (var insert = connection.prepareStatement("insert into catalogue (name) values (?) returning id")) {
            insert.setString(1, "spark-benchmark-" + System.nanoTime());
            try (var rows = insert.executeQuery()) {
                rows.next();
                catalogue = rows.getLong(1);
            }
        }
        try (var statement = connection.createStatement()) {
            statement.execute("insert into app_user (catalogue_id, external_id) select " + catalogue + ", 'u' || g from generate_series(1, "
                    + users + ") g");
            statement.execute("insert into item (catalogue_id, external_id, title) select " + catalogue
                    + ", 'i' || g, 'item ' || g from generate_series(1, " + items + ") g");
            connection.commit();
            statement.execute("""
                    insert into interaction (catalogue_id, user_id, item_id, type, weight, occurred_at)
                    select %d, u.ids[1 + floor(random() * %d)::int], i.ids[1 + floor(%d * power(random(), 3))::int], 'view', 1, now()
                      from (select array_agg(id) ids from app_user where catalogue_id = %d) u,
                           (select array_agg(id) ids from item where catalogue_id = %d) i,
                           generate_series(1, %d)""".formatted(catalogue, users, items, catalogue, catalogue, events));
            connection.commit();
            statement.execute("analyze interaction");
        }
        connection.commit();
        connection.setAutoCommit(true);
        return catalogue;
    }

    /** Single events, one transaction each, for {@code seconds} or until {@code done}: events per second. */
    static double writeRate(long catalogue, int seconds, AtomicBoolean done) {
        long start = System.nanoTime(), written = 0;
        try (var connection = TestDatabase.connect(); var insert = connection.prepareStatement("""
                insert into interaction (catalogue_id, user_id, item_id, type, weight, occurred_at)
                select ?, (select min(id) from app_user where catalogue_id = ?), (select min(id) from item where catalogue_id = ?),
                       'view', 1, now()""")) {
            insert.setLong(1, catalogue);
            insert.setLong(2, catalogue);
            insert.setLong(3, catalogue);
            while (done != null ? !done.get() : System.nanoTime() - start < seconds * 1_000_000_000L) {
                insert.executeUpdate();
                written++;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return written / ((System.nanoTime() - start) / 1e9);
    }

    /** Samples this JVM's heap in use and the peak RSS (VmHWM) of its child processes every 100 ms. */
    static final class PeakMemory implements AutoCloseable {
        private final AtomicLong heap = new AtomicLong(), child = new AtomicLong();
        private final Thread sampler;

        PeakMemory() {
            System.gc();
            sampler = Thread.ofPlatform().daemon().start(() -> {
                var bean = ManagementFactory.getMemoryMXBean();
                while (!Thread.currentThread().isInterrupted()) {
                    heap.accumulateAndGet(bean.getHeapMemoryUsage().getUsed(), Math::max);
                    ProcessHandle.current().descendants().forEach(p -> {
                        try {
                            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                                if (line.startsWith("VmHWM:")) {
                                    child.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")) * 1024, Math::max);
                                }
                            }
                        } catch (Exception gone) {
                            // the process ended between the listing and the read
                        }
                    });
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        long heapMiB() {
            return heap.get() >> 20;
        }

        String childMiB() {
            return child.get() == 0 ? "-" : (child.get() >> 20) + " MiB";
        }

        @Override
        public void close() {
            sampler.interrupt();
        }
    }

    private static synchronized void out(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
    }
}
