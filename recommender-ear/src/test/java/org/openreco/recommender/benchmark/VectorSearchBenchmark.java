package org.openreco.recommender.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * HNSW against exact search on a synthetic catalogue, straight in the database: N clustered 384-d unit
 * vectors (C centres, each item its centre plus Gaussian noise) in a catalogue and active MiniLM
 * generation of their own, written into item_vector_minilm (so the shared HNSW index of V030 holds them
 * next to whatever else the database has, and every query filters by generation as serving does).
 * Queries are fresh vectors drawn the same way. Ground truth: brute force in Java over the same floats,
 * checked against PostgreSQL's exact scan (index scans off). Prints recall@10 and queries/s per
 * hnsw.ef_search, and the exact scan's queries/s. Not a test: run it with bin/benchmark-vectors.
 */
public final class VectorSearchBenchmark {

    static final int DIMENSIONS = 384;
    static final int K = 10;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .collect(Collectors.toMap(a -> a.substring(2, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
        int items = Integer.parseInt(o.getOrDefault("items", "100000"));
        int centres = Integer.parseInt(o.getOrDefault("clusters", "200"));
        double noise = Double.parseDouble(o.getOrDefault("noise", "1.0"));
        int queries = Integer.parseInt(o.getOrDefault("queries", "500"));
        int exactQueries = Integer.parseInt(o.getOrDefault("exact-queries", "30"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "1"));
        List<Integer> efs = Arrays.stream(o.getOrDefault("ef-search", "40,80,100,200").split(",")).map(Integer::parseInt).toList();
        String catalogue = o.getOrDefault("catalogue", "vectors-" + items);
        String url = System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender");
        String user = System.getenv().getOrDefault("DB_USER", "recommender");
        String password = System.getenv().getOrDefault("DB_PASSWORD", "recommender");

        System.out.println("== machine");
        System.out.println("cpus (nproc): " + Runtime.getRuntime().availableProcessors());
        System.out.println("cpu: " + firstLine("/proc/cpuinfo", "model name"));
        System.out.println("memory: " + firstLine("/proc/meminfo", "MemTotal"));
        System.out.println("load average before (1/5/15 min, other processes included): " + loadAverage());
        System.out.println("database: " + url + ", client: java " + Runtime.version() + " on the same machine");

        var random = new Random(2026);
        float[][] centre = new float[centres][];
        for (int c = 0; c < centres; c++) {
            centre[c] = unit(gaussian(random, 1));
        }
        float[][] vectors = new float[items][];
        for (int i = 0; i < items; i++) {
            vectors[i] = around(centre[random.nextInt(centres)], random, noise);
        }
        float[][] query = new float[queries][];
        for (int q = 0; q < queries; q++) {
            query[q] = around(centre[random.nextInt(centres)], random, noise);
        }

        try (Connection db = DriverManager.getConnection(url, user, password)) {
            long generation = load(db, catalogue, vectors);
            String hnsw;
            try (var rs = db.createStatement().executeQuery(
                    "select indexdef, pg_size_pretty(pg_relation_size(indexname::regclass)) from pg_indexes where indexname = 'item_vector_minilm_hnsw'")) {
                rs.next();
                hnsw = rs.getString(1) + " (" + rs.getString(2) + ")";
            }
            long tableRows;
            try (var rs = db.createStatement().executeQuery("select count(*) from item_vector_minilm")) {
                rs.next();
                tableRows = rs.getLong(1);
            }
            System.out.println("== data and settings");
            System.out.printf(Locale.ROOT, "catalogue %s: %,d items, %d-d unit vectors around %d random centres (noise σ·√d = %.2f: mean cosine to the centre %.2f),%n",
                    catalogue, items, DIMENSIONS, centres, noise, meanCosine(vectors, centre, random));
            System.out.printf(Locale.ROOT, "generation %d in item_vector_minilm (%,d rows of all catalogues in the table); %s%n", generation, tableRows, hnsw);
            System.out.printf(Locale.ROOT, "%,d queries (fresh vectors drawn like the items), k = %d, %d client connection(s); hnsw.iterative_scan = relaxed_order%n",
                    queries, K, clients);

            long t0 = System.nanoTime();
            int[][] truth = new int[queries][];
            IntStream.range(0, queries).parallel().forEach(q -> truth[q] = bruteForce(vectors, query[q]));
            System.out.printf(Locale.ROOT, "ground truth: brute force in Java, %.1f s%n", (System.nanoTime() - t0) / 1e9);

            System.out.println("== results");
            long[] ids = ids(db, generation, items);
            var exact = run(url, user, password, generation, query, exactQueries, clients, 0);
            int agree = 0;
            for (int q = 0; q < exactQueries; q++) {
                agree += overlap(exact.found[q], truth[q], ids);
            }
            System.out.printf(Locale.ROOT, "exact scan (index scans off):  %7.1f queries/s, p50 %7.2f ms, p99 %7.2f ms; agrees with brute force on %d/%d neighbours%n",
                    exact.qps, exact.p50, exact.p99, agree, exactQueries * K);
            for (int ef : efs) {
                var ann = run(url, user, password, generation, query, queries, clients, ef);
                int hits = 0;
                for (int q = 0; q < queries; q++) {
                    hits += overlap(ann.found[q], truth[q], ids);
                }
                double recall = hits / (double) (queries * K);
                System.out.printf(Locale.ROOT, "HNSW ef_search %4d:           %7.1f queries/s, p50 %7.2f ms, p99 %7.2f ms; recall@%d %.4f; %5.1f× the exact scan%n",
                        ef, ann.qps, ann.p50, ann.p99, K, recall, ann.qps / exact.qps);
            }
            System.out.println("load average after: " + loadAverage());
        }
    }

    record Run(long[][] found, double qps, double p50, double p99) {
    }

    /** The first n queries over the given number of connections; ef 0 means exact. */
    static Run run(String url, String user, String password, long generation, float[][] query, int n, int clients, int ef)
            throws Exception {
        long[][] found = new long[n][];
        long[] latency = new long[n];
        var next = new AtomicInteger();
        var failures = new ArrayList<Exception>();
        var threads = new ArrayList<Thread>();
        // one warm-up query per connection, then the clock
        long[] start = {0};
        var ready = new java.util.concurrent.CyclicBarrier(clients, () -> start[0] = System.nanoTime());
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection db = DriverManager.getConnection(url, user, password)) {
                    db.setAutoCommit(false);
                    var search = db.prepareStatement("""
                            select v.item_id from item_vector_minilm v
                             where v.generation_id = ? order by v.embedding <=> cast(? as vector) limit ?""");
                    settings(db, ef);
                    nearest(search, generation, query[0]);
                    db.commit();
                    ready.await();
                    for (int q; (q = next.getAndIncrement()) < n; ) {
                        long before = System.nanoTime();
                        settings(db, ef);
                        found[q] = nearest(search, generation, query[q]);
                        db.commit();
                        latency[q] = System.nanoTime() - before;
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (var thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        double seconds = (System.nanoTime() - start[0]) / 1e9;
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        return new Run(found, n / seconds, sorted[(int) Math.ceil(0.5 * n) - 1] / 1e6, sorted[(int) Math.ceil(0.99 * n) - 1] / 1e6);
    }

    /** set local, as serving does: one statement per transaction. */
    private static void settings(Connection db, int ef) throws SQLException {
        try (var st = db.createStatement()) {
            st.execute(ef == 0
                    ? "select set_config('enable_indexscan', 'off', true), set_config('enable_bitmapscan', 'off', true)"
                    : "select set_config('hnsw.ef_search', '" + ef + "', true), set_config('hnsw.iterative_scan', 'relaxed_order', true)");
        }
    }

    private static long[] nearest(java.sql.PreparedStatement search, long generation, float[] q) throws SQLException {
        search.setLong(1, generation);
        search.setString(2, text(q));
        search.setInt(3, K);
        long[] found = new long[K];
        int i = 0;
        try (var rs = search.executeQuery()) {
            while (rs.next() && i < K) {
                found[i++] = rs.getLong(1);
            }
        }
        return Arrays.copyOf(found, i);
    }

    /** The catalogue's generation, created and filled on the first run, reused after (same seed, same vectors). */
    static long load(Connection db, String catalogue, float[][] vectors) throws SQLException {
        try (var ps = db.prepareStatement("""
                select g.id, (select count(*) from item_vector_minilm v where v.generation_id = g.id)
                  from catalogue c join embedding_generation g on g.catalogue_id = c.id and g.status = 'active' where c.name = ?""")) {
            ps.setString(1, catalogue);
            try (var rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(2) == vectors.length) {
                    System.out.printf("data: catalogue %s exists with its %,d vectors, reused%n", catalogue, vectors.length);
                    return rs.getLong(1);
                }
            }
        }
        long t0 = System.nanoTime();
        db.setAutoCommit(false);
        long catalogueId;
        long generation;
        try (var st = db.createStatement()) {
            st.executeUpdate("delete from catalogue where name = '" + catalogue + "'");
            try (var rs = st.executeQuery("insert into catalogue (name) values ('" + catalogue + "') returning id")) {
                rs.next();
                catalogueId = rs.getLong(1);
            }
            try (var rs = st.executeQuery("insert into embedding_generation (catalogue_id, model, status, activated_at, items_total, items_done) values ("
                    + catalogueId + ", 'all-minilm-l6-v2', 'active', now(), " + vectors.length + ", " + vectors.length + ") returning id")) {
                rs.next();
                generation = rs.getLong(1);
            }
            // items: genre-like categories by cluster are not needed here; the queue marks the trigger makes are dropped
            st.executeUpdate("insert into item (catalogue_id, external_id, title, categories) select " + catalogueId
                    + ", 'i' || g, 'Item ' || g, array['c' || (g % 20)] from generate_series(0, " + (vectors.length - 1) + ") g");
            st.executeUpdate("delete from embedding_queue where catalogue_id = " + catalogueId);
        }
        db.commit();
        try (var ps = db.prepareStatement("""
                insert into item_vector_minilm (generation_id, item_id, content_hash, embedding)
                select ?, i.id, 'synthetic', cast(? as vector) from item i where i.catalogue_id = ? and i.external_id = ?""")) {
            for (int i = 0; i < vectors.length; i++) {
                ps.setLong(1, generation);
                ps.setString(2, text(vectors[i]));
                ps.setLong(3, catalogueId);
                ps.setString(4, "i" + i);
                ps.addBatch();
                if (i % 1000 == 999 || i == vectors.length - 1) {
                    ps.executeBatch();
                    db.commit();
                    if (i % 20_000 == 19_999) {
                        System.out.printf(Locale.ROOT, "data: %,d vectors written (%.0f s)%n", i + 1, (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
        }
        db.setAutoCommit(true);
        try (var st = db.createStatement()) {
            st.execute("analyze item_vector_minilm");
            st.execute("analyze item");
        }
        System.out.printf(Locale.ROOT, "data: %,d items and vectors written in %.0f s (HNSW index maintained on insert)%n", vectors.length,
                (System.nanoTime() - t0) / 1e9);
        return generation;
    }

    /** item.id of i0, i1, … in order: the brute force works on positions. */
    private static long[] ids(Connection db, long generation, int n) throws SQLException {
        long[] ids = new long[n];
        try (var rs = db.createStatement().executeQuery("""
                select substr(i.external_id, 2)::int, i.id from item_vector_minilm v join item i on i.id = v.item_id
                 where v.generation_id = """ + generation)) {
            while (rs.next()) {
                ids[rs.getInt(1)] = rs.getLong(2);
            }
        }
        return ids;
    }

    private static int overlap(long[] found, int[] truth, long[] ids) {
        int hits = 0;
        for (int t : truth) {
            for (long f : found) {
                if (f == ids[t]) {
                    hits++;
                    break;
                }
            }
        }
        return hits;
    }

    private static int[] bruteForce(float[][] vectors, float[] q) {
        int[] best = new int[K];
        double[] score = new double[K];
        Arrays.fill(score, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i++) {
            double s = dot(vectors[i], q);
            if (s > score[K - 1]) {
                int j = K - 1;
                while (j > 0 && score[j - 1] < s) {
                    score[j] = score[j - 1];
                    best[j] = best[j - 1];
                    j--;
                }
                score[j] = s;
                best[j] = i;
            }
        }
        return best;
    }

    private static double meanCosine(float[][] vectors, float[][] centres, Random random) {
        // nearest centre of a sample, as a feel for how tight the clusters are
        double sum = 0;
        for (int s = 0; s < 200; s++) {
            float[] v = vectors[random.nextInt(vectors.length)];
            double best = -1;
            for (float[] c : centres) {
                best = Math.max(best, dot(v, c));
            }
            sum += best;
        }
        return sum / 200;
    }

    private static float[] around(float[] centre, Random random, double noise) {
        float[] n = gaussian(random, noise / Math.sqrt(DIMENSIONS));
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] = centre[i] + n[i];
        }
        return unit(v);
    }

    private static float[] gaussian(Random random, double sigma) {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] = (float) (random.nextGaussian() * sigma);
        }
        return v;
    }

    private static float[] unit(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / norm);
        }
        return u;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static String text(float[] v) {
        var s = new StringBuilder(v.length * 12).append('[');
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(v[i]);
        }
        return s.append(']').toString();
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static String firstLine(String file, String prefix) throws IOException {
        return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
    }
}
