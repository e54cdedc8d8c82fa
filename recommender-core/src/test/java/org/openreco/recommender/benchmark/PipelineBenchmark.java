package org.openreco.recommender.benchmark;

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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.boundary.TextEncoder;
import org.openreco.recommender.embedding.control.DjlTextEncoder;
import org.openreco.recommender.embedding.control.ReembeddingBatch;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.embedding.control.WorkFailed;
import org.openreco.recommender.platform.control.SchemaMigration;

/**
 * Re-embedding throughput (not a test; run by bin/benchmark-pipeline): docs/s through the whole batch
 * pipeline (claim and delete marks, read the items, encode, write the vectors with JDBC batches, log
 * the batch, commit: {@link ReembeddingBatch}, 256 marks per batch) against the raw encoder on the very
 * same texts, in the same JVM and run, alternating raw, pipeline, raw, pipeline, … (the machine is shared:
 * the raw runs bracket the pipeline's). The database is the real PostgreSQL + pgvector (DB_URL, else the local test
 * database); the items live in a catalogue of their own that is deleted afterwards.
 *
 * <p>Arguments: {@code --docs=2000 --model=all-minilm-l6-v2-q --rounds=3 --workers=1,2 [--movielens=<folder of movies.csv>]}.
 * {@code --workers} lists how many batch loops drain the queue side by side in a pipeline run, each
 * value its own run per round: 1 is one batch at a time, 2 what the server's scheduler does while a
 * catalogue's queue is deep (ReembeddingScheduler: two batches side by side, SKIP LOCKED apart).
 */
public final class PipelineBenchmark {

    private static final String URL = env("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");
    private static final String USER = env("DB_USER", "recommender");
    private static final String PASSWORD = env("DB_PASSWORD", "recommender");
    private static final int CALL_SIZE = ReembeddingBatch.DEFAULT_SIZE;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        int docs = Integer.parseInt(options.getOrDefault("docs", "2000"));
        var model = EmbeddingModel.named(options.getOrDefault("model", "all-minilm-l6-v2-q")).orElseThrow();
        List<String> source = options.containsKey("movielens") && Files.isRegularFile(Path.of(options.get("movielens"), "movies.csv"))
                ? EncoderBenchmark.movieLensTexts(Path.of(options.get("movielens"))) : EncoderBenchmark.demoShopTexts();
        List<String> texts = new ArrayList<>(docs);
        for (int i = 0; i < docs; i++) {
            String text = source.get(i % source.size());
            texts.add(text.length() > 500 ? text.substring(0, 500) : text);
        }
        System.out.println("== data");
        System.out.printf(Locale.ROOT, "%s: %,d item texts (%,d distinct), mean %.0f characters; model %s; %d marks per batch%n",
                options.containsKey("movielens") ? "MovieLens movies" : "demo shop products", texts.size(),
                texts.stream().distinct().count(), texts.stream().mapToInt(String::length).average().orElse(0),
                model.modelName(), CALL_SIZE);
        System.out.println("database: " + URL);

        SchemaMigration.configuration().dataSource(URL, USER, PASSWORD).load().migrate();
        try (var encoder = new DjlTextEncoder(Path.of(System.getProperty("recommender.models.dir")));
             var sql = DriverManager.getConnection(URL, USER, PASSWORD)) {
            encoder.encode(model, texts.subList(0, Math.min(200, texts.size()))); // load + warm-up, not timed
            int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
            List<Integer> workers = Arrays.stream(options.getOrDefault("workers", "1,2").split(",")).map(Integer::parseInt).toList();
            List<Double> raws = new ArrayList<>();
            Map<Integer, List<Double>> pipelines = new LinkedHashMap<>();
            raws.add(raw(encoder, model, texts));
            for (int round = 0; round < rounds; round++) {
                for (int n : workers) {
                    pipelines.computeIfAbsent(n, k -> new ArrayList<>()).add(pipeline(sql, encoder, model, texts, n));
                    raws.add(raw(encoder, model, texts));
                }
            }
            double raw = raws.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            System.out.println("== results (docs/s; rounds alternate raw and pipeline runs, the machine is shared)");
            System.out.println("raw encoder:    " + rates(raws) + "  mean " + String.format(Locale.ROOT, "%,.0f", raw));
            for (var entry : pipelines.entrySet()) {
                double pipeline = entry.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                System.out.println("batch pipeline, " + entry.getKey() + " worker(s): " + rates(entry.getValue())
                        + "  mean " + String.format(Locale.ROOT, "%,.0f", pipeline)
                        + String.format(Locale.ROOT, "; ratio pipeline / raw (means): %.2f  (goal >= 0.9)", pipeline / raw));
            }
        }
    }

    private static String rates(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%,5.0f", v)).collect(java.util.stream.Collectors.joining(" "));
    }

    /** One pipeline run: the texts as new items of a fresh catalogue, {@code workers} batch loops until the queue is empty. */
    private static double pipeline(Connection sql, DjlTextEncoder encoder, EmbeddingModel model, List<String> texts,
            int workers) throws Exception {
        long catalogue = catalogue(sql, model);
        try {
            items(sql, catalogue, texts);
            var encoding = new java.util.concurrent.atomic.AtomicLong();
            TextEncoder timed = (m, batchTexts) -> {
                long t = System.nanoTime();
                try {
                    return encoder.encode(m, batchTexts);
                } finally {
                    encoding.addAndGet(System.nanoTime() - t);
                }
            };
            var batch = new ReembeddingBatch(new JdbcTransactions(), timed);
            var embedded = new java.util.concurrent.atomic.AtomicInteger();
            Callable<Void> loop = () -> {
                ReembeddingBatch.Report report;
                do {
                    report = batch.run(catalogue, model, 30, CALL_SIZE);
                    embedded.addAndGet(report.encoded());
                } while (report.claimed() > 0);
                return null;
            };
            long started = System.nanoTime();
            try (var pool = Executors.newFixedThreadPool(workers)) {
                for (var done : pool.invokeAll(java.util.Collections.nCopies(workers, loop))) {
                    done.get();
                }
            }
            long total = System.nanoTime() - started;
            if (embedded.get() != texts.size()) {
                throw new IllegalStateException("embedded " + embedded.get() + " of " + texts.size());
            }
            System.out.printf(Locale.ROOT, "  pipeline run, %d worker(s): %.1f s, %.1f s in the encoder (summed over the workers)%n",
                    workers, total / 1e9, encoding.get() / 1e9);
            return embedded.get() / (total / 1e9);
        } finally {
            sql.createStatement().executeUpdate("delete from catalogue where id = " + catalogue);
        }
    }

    private static double raw(DjlTextEncoder encoder, EmbeddingModel model, List<String> texts) {
        long started = System.nanoTime();
        for (int from = 0; from < texts.size(); from += CALL_SIZE) {
            encoder.encode(model, texts.subList(from, Math.min(from + CALL_SIZE, texts.size())));
        }
        return texts.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static long catalogue(Connection sql, EmbeddingModel model) throws SQLException {
        try (var insert = sql.prepareStatement("insert into catalogue (name, settings) values (?, cast(? as jsonb)) returning id")) {
            insert.setString(1, "benchmark-" + UUID.randomUUID().toString().substring(0, 8));
            insert.setString(2, "{\"embeddingModel\":\"" + model.modelName() + "\"}");
            try (var rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The texts as item titles (so the item text is exactly the text), marked dirty by the database's trigger. */
    private static void items(Connection sql, long catalogue, List<String> texts) throws SQLException {
        try (var insert = sql.prepareStatement("insert into item (catalogue_id, external_id, title) values (?, ?, ?)")) {
            for (int i = 0; i < texts.size(); i++) {
                insert.setLong(1, catalogue);
                insert.setString(2, "doc-" + i);
                insert.setString(3, texts.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Plain JDBC transactions: commit when the work returns, rollback when it throws. */
    private static final class JdbcTransactions implements Transactions {
        @Override
        public <T> T inNew(Work<T> work) {
            try (var connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (Exception e) {
                    connection.rollback();
                    throw new WorkFailed(e);
                }
            } catch (SQLException e) {
                throw new WorkFailed(e);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
