package org.openreco.recommender.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.embedding.control.WorkFailed;
import org.openreco.recommender.platform.control.SchemaMigration;
import org.openreco.recommender.training.boundary.AlsParameters;
import org.openreco.recommender.training.boundary.TrainingRequest;
import org.openreco.recommender.training.control.ImplicitAls;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.InteractionTriples;
import org.openreco.recommender.training.control.ModelVersions;
import org.openreco.recommender.training.control.TrainingRun;
import org.openreco.recommender.evaluation.control.CatalogueEvaluation;

/**
 * Training benchmarks (not a test; run by bin/benchmark-training):
 * <ol>
 * <li>iALS time per epoch on ml-latest-small, the ratings weighted as the product weighs them (a rating's
 * weight is rating − 2.5, the default pivot; pairs with a positive sum are the positives), with the
 * product's default parameters (64 factors, alpha 3, λ 30, 15 epochs, 3 CG steps);</li>
 * <li>the same on synthetic matrices (20 interactions per user, 50 per item on average, skewed item
 * popularity) of the given sizes, to show time linear in interactions;</li>
 * <li>the whole product training of ml-latest-small ({@link TrainingRun}: load from PostgreSQL, split,
 * blend search on validation, five algorithms evaluated, final iALS + item-kNN, factors and neighbours
 * stored, activation) against the real database (DB_URL, else the local test database), in a
 * catalogue of its own that is deleted afterwards. No embedding model runs here, so there is no content
 * source (the server's training adds one more scorer).</li>
 * </ol>
 * Arguments: {@code --movielens=<folder> --synthetic=250000,500000,1000000 --rounds=2 --threads=0}.
 */
public final class TrainingBenchmark {

    private static final String URL = env("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");
    private static final String USER = env("DB_USER", "recommender");
    private static final String PASSWORD = env("DB_PASSWORD", "recommender");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        int threads = Integer.parseInt(options.getOrDefault("threads", "0"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        TrainingRequest defaults = TrainingRequest.defaults();
        if (options.containsKey("tuning")) {
            defaults = defaults.withTuningBudget(Double.parseDouble(options.get("tuning")));
        }
        if (options.containsKey("split")) {
            defaults = defaults.withSplit(options.get("split")).validated();
        }
        out("== training request: tuning budget %.0f s (tuned: %s), split %s", defaults.tuningBudgetSeconds(),
                String.join(", ", defaults.tuned()), defaults.split());
        AlsParameters als = CatalogueEvaluation.als(defaults, threads);
        out("== parameters: %s; JVM %s, %d processors, max heap %d MB", als, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        Path movieLens = options.containsKey("movielens") ? Path.of(options.get("movielens")) : null;
        List<String[]> ratings = movieLens != null && Files.isRegularFile(movieLens.resolve("ratings.csv"))
                ? ratings(movieLens.resolve("ratings.csv")) : null;
        if (ratings != null) {
            var triples = new InteractionTriples();
            ratings.forEach(r -> triples.add(r[0], r[1], Double.parseDouble(r[2]) - 2.5));
            InteractionMatrix matrix = triples.matrix();
            out("%n== 1. iALS per epoch, ml-latest-small: %,d ratings → %,d positive cells, %,d users × %,d items",
                    ratings.size(), matrix.nonZeros(), matrix.rows(), matrix.cols());
            for (int round = 1; round <= rounds; round++) {
                epochs("round " + round, als, matrix);
            }
        } else {
            out("%n== 1. skipped: no ml-latest-small (--movielens=<folder with ratings.csv>)");
        }

        out("%n== 2. iALS per epoch, synthetic (20 interactions per user, 50 per item, skewed popularity)");
        for (String size : options.getOrDefault("synthetic", "250000,500000,1000000").split(",")) {
            if (size.isBlank()) {
                continue;
            }
            int nnz = Integer.parseInt(size);
            InteractionMatrix matrix = synthetic(nnz);
            out("synthetic %,d interactions → %,d distinct cells, %,d users × %,d items", nnz, matrix.nonZeros(),
                    matrix.rows(), matrix.cols());
            epochs("", als, matrix);
        }

        if (ratings != null) {
            out("%n== 3. whole product training of ml-latest-small (TrainingRun on %s)", URL);
            SchemaMigration.configuration().dataSource(URL, USER, PASSWORD).load().migrate();
            for (int round = 1; round <= rounds; round++) {
                product(ratings, defaults, threads, round);
            }
        }
    }

    private static void epochs(String label, AlsParameters als, InteractionMatrix matrix) {
        long[] millis = new long[als.iterations()];
        long start = System.nanoTime();
        new ImplicitAls(als, (epoch, loss, nanos) -> millis[epoch - 1] = nanos / 1_000_000).fit(matrix);
        double total = (System.nanoTime() - start) / 1e9;
        double later = Arrays.stream(millis).skip(1).average().orElse(millis[0]);
        out("  %s epochs ms %s; total %.2f s; mean epoch after the first %.0f ms = %.0f ms per million cells",
                label, Arrays.toString(millis), total, later, later / (matrix.nonZeros() / 1e6));
    }

    private static void product(List<String[]> ratings, TrainingRequest request, int threads, int round) throws SQLException {
        var transactions = new JdbcTransactions();
        String name = "benchmark-training-" + UUID.randomUUID().toString().substring(0, 8);
        long catalogueId;
        try (Connection connection = connect()) {
            catalogueId = load(connection, name, ratings);
        }
        try {
            String parameters = TrainingRun.parameters(request, null).toString();
            long version = transactions.inNew(c -> new ModelVersions(c).open(catalogueId, parameters, "api"));
            long start = System.nanoTime();
            new TrainingRun(transactions, threads).train(version);
            double seconds = (System.nanoTime() - start) / 1e9;
            var trained = transactions.inNew(c -> new ModelVersions(c).find(version)).orElseThrow();
            long evaluationMillis = transactions.inNew(c -> {
                try (var select = c.prepareStatement("select duration_ms from evaluation_run where model_version_id = ?")) {
                    select.setLong(1, version);
                    try (var rows = select.executeQuery()) {
                        return rows.next() ? rows.getLong(1) : -1L;
                    }
                }
            });
            long stored = transactions.inNew(c -> {
                try (var select = c.prepareStatement("select count(*) from item_factor where model_version_id = ?")) {
                    select.setLong(1, version);
                    try (var rows = select.executeQuery()) {
                        rows.next();
                        return rows.getLong(1);
                    }
                }
            });
            if (trained.items() == null || stored != trained.items()) {
                throw new IllegalStateException(stored + " item factors stored for " + trained.items() + " items");
            }
            out("round %d: %s in %.2f s (evaluation incl. blend search %.2f s; load, final training, storing and "
                    + "activation the rest); %d users, %d items, %d interactions; hybrid %s", round, trained.status(),
                    seconds, evaluationMillis / 1000.0, trained.users(), trained.items(), trained.interactions(),
                    trained.metrics());
            if (trained.evaluationRunId() != null) {
                var run = transactions.inNew(c -> new org.openreco.recommender.evaluation.control.EvaluationStore(c)
                        .find(catalogueId, trained.evaluationRunId())).orElseThrow();
                var ndcg = new StringBuilder();
                for (var result : run.results()) {
                    var at = result.atK().getFirst();
                    double[] interval = at.intervals().getOrDefault("ndcg", new double[] {Double.NaN, Double.NaN});
                    ndcg.append(ndcg.isEmpty() ? "" : ", ").append(result.algorithm()).append(' ')
                            .append(String.format(java.util.Locale.ROOT, "%.4f [%.4f, %.4f] (F1 %.4f)", at.ndcg(), interval[0],
                                    interval[1], at.f1()));
                }
                run.results().stream().filter(r -> r.algorithm().equals("hybrid")).findFirst()
                        .ifPresent(h -> out("  hybrid over the best single algorithm (paired bootstrap): %s",
                                h.parameters().get("gainOverBest")));
                if (trained.parameters().get("tuning") instanceof jakarta.json.JsonObject tuning) {
                    out("  tuning: %.1f s of %.0f s, %d trials, chosen %s, not tried %s", tuning.getJsonNumber("seconds").doubleValue(),
                            tuning.getJsonNumber("budgetSeconds").doubleValue(), tuning.getJsonArray("trials").size(),
                            tuning.getJsonObject("chosen"), tuning.getJsonObject("untried"));
                    for (var trial : tuning.getJsonArray("trials").getValuesAs(jakarta.json.JsonObject.class)) {
                        out("    %-12s %-70s validation NDCG %.4f, %5d ms", trial.getString("algorithm"), trial.getJsonObject("setting"),
                                trial.getJsonNumber("ndcg").doubleValue(), trial.getJsonNumber("millis").longValue());
                    }
                }
                out("  NDCG@%d [95 %% bootstrap interval] on the test split: %s; blend %s%s", run.k().getFirst(), ndcg,
                        trained.parameters().getJsonObject("blend"), trained.parameters().containsKey("easeSkipped")
                                ? "; " + trained.parameters().getString("easeSkipped") : "");
            }
        } finally {
            try (Connection connection = connect(); var delete = connection.prepareStatement("delete from catalogue where id = ?")) {
                delete.setLong(1, catalogueId);
                delete.executeUpdate();
            }
        }
    }

    /** The ratings as a catalogue's users, items and rating events (weight rating − 2.5, as the import stores them). */
    private static long load(Connection connection, String name, List<String[]> ratings) throws SQLException {
        connection.setAutoCommit(false);
        long catalogueId;
        try (var insert = connection.prepareStatement("insert into catalogue (name) values (?) returning id")) {
            insert.setString(1, name);
            try (var rows = insert.executeQuery()) {
                rows.next();
                catalogueId = rows.getLong(1);
            }
        }
        var users = ratings.stream().map(r -> r[0]).distinct().toArray(String[]::new);
        var items = ratings.stream().map(r -> r[1]).distinct().toArray(String[]::new);
        try (var u = connection.prepareStatement("insert into app_user (catalogue_id, external_id) select ?, unnest(?)");
             var i = connection.prepareStatement("insert into item (catalogue_id, external_id, title) select ?, x, 'movie ' || x from unnest(?) x")) {
            u.setLong(1, catalogueId);
            u.setArray(2, connection.createArrayOf("text", users));
            u.executeUpdate();
            i.setLong(1, catalogueId);
            i.setArray(2, connection.createArrayOf("text", items));
            i.executeUpdate();
        }
        try (var e = connection.prepareStatement("""
                insert into interaction (catalogue_id, user_id, item_id, type, value, weight, occurred_at)
                select ?, u.id, i.id, 'rating', r.rating, r.rating - 2.5, to_timestamp(r.at)
                  from unnest(?::text[], ?::text[], ?::float8[], ?::bigint[]) as r(usr, itm, rating, at)
                  join app_user u on u.catalogue_id = ? and u.external_id = r.usr
                  join item i on i.catalogue_id = ? and i.external_id = r.itm""")) {
            e.setLong(1, catalogueId);
            e.setArray(2, connection.createArrayOf("text", ratings.stream().map(r -> r[0]).toArray()));
            e.setArray(3, connection.createArrayOf("text", ratings.stream().map(r -> r[1]).toArray()));
            e.setArray(4, connection.createArrayOf("float8", ratings.stream().map(r -> Double.valueOf(r[2])).toArray()));
            e.setArray(5, connection.createArrayOf("bigint", ratings.stream().map(r -> Long.valueOf(r[3])).toArray()));
            e.setLong(6, catalogueId);
            e.setLong(7, catalogueId);
            e.executeUpdate();
        }
        connection.commit();
        return catalogueId;
    }

    private static List<String[]> ratings(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (var lines = Files.lines(file)) {
            lines.skip(1).forEach(line -> rows.add(line.split(",")));
        }
        return rows;
    }

    static InteractionMatrix synthetic(int nnz) {
        int users = Math.max(1, nnz / 20), items = Math.max(100, nnz / 50);
        SplittableRandom random = new SplittableRandom(42);
        int[] u = new int[nnz], i = new int[nnz];
        float[] w = new float[nnz];
        for (int n = 0; n < nnz; n++) {
            u[n] = random.nextInt(users);
            i[n] = (int) (items * Math.pow(random.nextDouble(), 2));
            w[n] = 1;
        }
        return InteractionMatrix.of(users, items, u, i, w, nnz);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** Plain JDBC transactions on the benchmark database. */
    private static final class JdbcTransactions implements Transactions {
        @Override
        public <T> T inNew(Work<T> work) {
            try (var connection = connect()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (Exception e) {
                    connection.rollback();
                    throw e instanceof WorkFailed failed ? failed : new WorkFailed(e);
                }
            } catch (SQLException e) {
                throw new WorkFailed(e);
            }
        }
    }
}
