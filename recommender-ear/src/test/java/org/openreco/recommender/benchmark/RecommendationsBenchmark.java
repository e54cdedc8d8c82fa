package org.openreco.recommender.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * GET users/{id}/recommendations of a running server under concurrent load, from this separate process:
 * on a catalogue with an active generation of item vectors (by default the synthetic one of
 * bin/benchmark-vectors), gives U users a history (the H items nearest to a random item: a taste, as real
 * histories have) and a taste vector (the normalised
 * sum of those items' vectors, written straight into user_vector_minilm, as the pipeline would), then lets
 * C connections, one thread each, ask for recommendations of random users for a fixed time. Prints
 * latency p50/p99/max and requests/s, then checks that every answer's impressions were stored. Not a
 * test: run it with bin/benchmark-recommendations.
 */
public final class RecommendationsBenchmark {

    private static final Pattern ITEM = Pattern.compile("\"itemId\":");

    /** The answer cache's hits and misses so far, from the server's Prometheus text; zeros where absent. */
    private static double[] cacheCounts(URI metrics) {
        double[] counts = new double[2];
        try {
            var body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith("recommender_recommendations_cache_hits")) {
                    counts[0] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("recommender_recommendations_cache_misses")) {
                    counts[1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("no cache figures from " + metrics + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counts;
    }

    private record Reply(int status, String body) {
    }

    /**
     * One GET over the JDK's blocking HttpURLConnection, which keeps the connection alive per thread: the
     * asynchronous HttpClient (a selector thread per client) took more CPU than the server it measured
     * (87 % of a core against the server's 38 %, top, 625 answers/s), on the same two cores.
     */
    private static Reply get(URI uri, String key) throws IOException {
        var connection = (java.net.HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestProperty("X-API-Key", key);
        connection.setConnectTimeout(5_000);
        int status = connection.getResponseCode();
        var stream = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        String body = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        if (stream != null) {
            stream.close(); // back to the keep-alive cache, not disconnected
        }
        return new Reply(status, body);
    }

    public static void main(String[] args) throws Exception {
        // HttpURLConnection keeps 5 idle connections per server by default: one per load thread instead
        System.setProperty("http.maxConnections", "256");
        Map<String, String> o = Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .collect(Collectors.toMap(a -> a.substring(2, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
        String url = o.getOrDefault("url", "http://localhost:8080");
        if (!URI.create(url).getHost().equals("localhost") && !URI.create(url).getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("this benchmark only targets localhost, not " + url);
        }
        String catalogue = o.getOrDefault("catalogue", "vectors-100000");
        int users = Integer.parseInt(o.getOrDefault("users", "2000"));
        int history = Integer.parseInt(o.getOrDefault("history", "20"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "32"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "10"));
        String query = o.getOrDefault("query", "n=10");
        String model = o.getOrDefault("model", "none");
        if (!List.of("none", "collaborative").contains(model)) {
            throw new IllegalArgumentException("--model is none (content and trending) or collaborative (the hybrid), not " + model);
        }
        String adminPassword = o.getOrDefault("admin-password", System.getenv().getOrDefault("ADMIN_PASSWORD", "it-admin-Secret-1"));
        String dbUrl = System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender");
        String dbUser = System.getenv().getOrDefault("DB_USER", "recommender");
        String dbPassword = System.getenv().getOrDefault("DB_PASSWORD", "recommender");

        System.out.println("== machine");
        System.out.println("cpus (nproc): " + Runtime.getRuntime().availableProcessors());
        System.out.println("cpu: " + firstLine("/proc/cpuinfo", "model name"));
        System.out.println("memory: " + firstLine("/proc/meminfo", "MemTotal"));
        System.out.println("load average before (1/5/15 min, other processes included): " + loadAverage());
        System.out.println("load process: java " + Runtime.version() + ", server and database on the same machine");

        long items;
        try (var db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            db.setAutoCommit(false);
            long catalogueId;
            long generation;
            try (var ps = db.prepareStatement("""
                    select c.id, g.id, (select count(*) from item_vector_minilm v where v.generation_id = g.id)
                      from catalogue c join embedding_generation g on g.catalogue_id = c.id and g.status = 'active'
                     where c.name = ? and g.model = 'all-minilm-l6-v2'""")) {
                ps.setString(1, catalogue);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no catalogue " + catalogue + " with an active MiniLM generation: run bin/benchmark-vectors first");
                    }
                    catalogueId = rs.getLong(1);
                    generation = rs.getLong(2);
                    items = rs.getLong(3);
                }
            }
            long t0 = System.nanoTime();
            try (var st = db.createStatement()) {
                int created = st.executeUpdate("insert into app_user (catalogue_id, external_id) select " + catalogueId
                        + ", 'bn' || g from generate_series(0, " + (users - 1) + ") g on conflict do nothing");
                if (created > 0) {
                    st.executeUpdate("""
                            insert into interaction (catalogue_id, user_id, item_id, type, weight, occurred_at)
                            select u.catalogue_id, u.id, n.item_id, 'view', 1, now() - random() * interval '30 days'
                              from app_user u
                              -- lateral on u: a fresh random seed item per user, and its nearest items as the history
                              cross join lateral (select 'i' || floor(random() * %2$d)::int as item where u.id is not null) s
                              join item si on si.catalogue_id = u.catalogue_id and si.external_id = s.item
                              join item_vector_minilm sv on sv.generation_id = %4$d and sv.item_id = si.id
                              cross join lateral (select v.item_id from item_vector_minilm v where v.generation_id = %4$d
                                                   order by v.embedding <=> sv.embedding limit %1$d) n
                             where u.catalogue_id = %3$d and u.external_id like 'bn%%'
                               and not exists (select 1 from user_vector_minilm v where v.user_id = u.id)""".formatted(history, items, catalogueId, generation));
                    st.executeUpdate("""
                            insert into user_vector_minilm (generation_id, user_id, taste_sum, taste_weight, embedding)
                            select %d, x.user_id, sum(v.embedding), count(*), l2_normalize(sum(v.embedding))
                              from interaction x join item_vector_minilm v on v.generation_id = %d and v.item_id = x.item_id
                             where x.catalogue_id = %d
                             group by x.user_id
                            on conflict do nothing""".formatted(generation, generation, catalogueId));
                    st.executeUpdate("delete from embedding_queue where catalogue_id = " + catalogueId);
                }
            }
            db.commit();
            String modelSetup = collaborativeModel(db, catalogueId, generation, model);
            db.commit();
            System.out.println("== data and settings");
            System.out.printf(Locale.ROOT, "catalogue %s: %,d items with MiniLM-sized synthetic vectors (bin/benchmark-vectors), %,d users"
                    + " whose history is the %d items nearest to a random item (a taste, not noise) and a vector each (set up in %.1f s)%n", catalogue, items, users, history,
                    (System.nanoTime() - t0) / 1e9);
            System.out.println(modelSetup);
        }

        var admin = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        var keyReply = admin.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/catalogues/" + catalogue + "/api-keys"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"benchmark\"}")).build(), HttpResponse.BodyHandlers.ofString());
        var keyMatch = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(keyReply.body());
        if (!keyMatch.find()) {
            throw new IllegalStateException("creating an API key: " + keyReply.statusCode() + " " + keyReply.body());
        }
        String key = keyMatch.group(1);
        System.out.printf("GET %s/api/v1/catalogues/%s/users/bn<random>/recommendations?%s, %d connections (one thread and one HTTP/1.1"
                + " client each), %d s warm-up, %d s measured%n", url, catalogue, query, connections, warmup, seconds);

        // a yardstick for the machine's state: one connection, alternating a plain item read (one primary-key
        // lookup) and a recommendation, so a reader can tell the server's floor from this endpoint's cost
        var probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var itemReads = new long[200];
        var recommendationReads = new long[200];
        for (int i = 0; i < 200; i++) {
            long t = System.nanoTime();
            probe.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/catalogues/" + catalogue + "/items/i" + i)).header("X-API-Key", key)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            itemReads[i] = System.nanoTime() - t;
            t = System.nanoTime();
            probe.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/catalogues/" + catalogue + "/users/bn" + i + "/recommendations?" + query))
                    .header("X-API-Key", key).GET().build(), HttpResponse.BodyHandlers.ofString());
            recommendationReads[i] = System.nanoTime() - t;
        }
        Arrays.sort(itemReads);
        Arrays.sort(recommendationReads);
        System.out.printf(Locale.ROOT, "one connection, 200 each, alternating: GET items/{id} p50 %.1f ms, p99 %.1f ms; GET recommendations p50 %.1f ms, p99 %.1f ms%n",
                percentile(itemReads, 50), percentile(itemReads, 99), percentile(recommendationReads, 50), percentile(recommendationReads, 99));

        long impressionsBefore = impressions(dbUrl, dbUser, dbPassword, catalogue);
        var latencies = new long[connections][];
        var counts = new int[connections];
        var failures = new AtomicLong();
        var shown = new AtomicLong();
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        // the server's answer cache, from its Prometheus endpoint on the management port (8080 + o -> 9990 + o)
        URI metrics = URI.create("http://localhost:" + (URI.create(url).getPort() + 1910) + "/prometheus");
        var cacheAtWarmEnd = new double[2];
        var cacheReader = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(Math.max(0, (warmEnd - System.nanoTime()) / 1_000_000));
                System.arraycopy(cacheCounts(metrics), 0, cacheAtWarmEnd, 0, 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < connections; c++) {
            int me = c;
            threads.add(Thread.ofPlatform().start(() -> {
                var random = ThreadLocalRandom.current();
                long[] mine = new long[1 << 16];
                int n = 0;
                while (true) {
                    long before = System.nanoTime();
                    if (before > end) {
                        break;
                    }
                    try {
                        var reply = get(URI.create(url + "/api/v1/catalogues/" + catalogue + "/users/bn" + random.nextInt(users)
                                + "/recommendations?" + query), key);
                        long after = System.nanoTime();
                        if (reply.status() != 200) {
                            failures.incrementAndGet();
                            System.err.println("HTTP " + reply.status() + " " + reply.body());
                        } else if (before > warmEnd) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = after - before;
                            shown.addAndGet(ITEM.matcher(reply.body()).results().count());
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                        System.err.println("request failed: " + e);
                    }
                }
                latencies[me] = Arrays.copyOf(mine, n);
                counts[me] = n;
            }));
        }
        for (var thread : threads) {
            thread.join();
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.println("== results");
        System.out.printf(Locale.ROOT, "%,d requests in %d s = %,.0f requests/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms;"
                + " %d failed (warm-up included)%n", all.length, seconds, all.length / (double) seconds, percentile(all, 50),
                percentile(all, 90), percentile(all, 99), percentile(all, 100), failures.get());
        System.out.println("load average after: " + loadAverage());
        cacheReader.join();
        double[] cacheAtEnd = cacheCounts(metrics);
        double hits = cacheAtEnd[0] - cacheAtWarmEnd[0], misses = cacheAtEnd[1] - cacheAtWarmEnd[1];
        System.out.printf(Locale.ROOT, "answer cache in the measured part: %,.0f hits, %,.0f misses (%.1f %% hits)%s%n", hits, misses,
                hits + misses == 0 ? 0 : 100 * hits / (hits + misses), cacheAtEnd[0] + cacheAtEnd[1] == 0
                        ? " (no figures: cache off, -Drecommender.serving.cache-seconds=0, or no metrics endpoint)" : "");
        long logged = impressions(dbUrl, dbUser, dbPassword, catalogue) - impressionsBefore;
        System.out.printf(Locale.ROOT, "== check: impressions stored %,d (warm-up included); items in the measured answers %,d%n", logged, shown.get());
        if (logged < shown.get()) {
            System.exit(1);
        }
    }

    /** Factor dimensions of the benchmark's model (stored zero-padded to 128, as training stores them). */
    private static final int FACTORS = 64;
    private static final int NEIGHBOURS = 10;

    /**
     * --model=collaborative: an active collaborative model version for the catalogue, as training would
     * write it — item factors (the first 64 dimensions of each item's vector: structured, not noise),
     * user factors (the sum of their history's factors), 10 neighbours per history item, the contract's
     * blend weights — created once and re-activated by later runs; --model=none retires it, so the same
     * data serves content and trending only.
     */
    private static String collaborativeModel(java.sql.Connection db, long catalogueId, long generation, String model) throws Exception {
        try (var st = db.createStatement()) {
            if (model.equals("none")) {
                int retired = st.executeUpdate("update model_version set status = 'retired' where catalogue_id = " + catalogueId
                        + " and status = 'active'");
                return "model: none (content, trending fills; " + retired + " benchmark model version retired)";
            }
            long t0 = System.nanoTime();
            Long version = null;
            try (var rs = st.executeQuery("select id from model_version where catalogue_id = " + catalogueId
                    + " and algorithm = 'ials' and parameters ->> 'benchmark' = 'true' order by id desc limit 1")) {
                if (rs.next()) {
                    version = rs.getLong(1);
                }
            }
            if (version == null) {
                try (var rs = st.executeQuery("insert into model_version (catalogue_id, algorithm, status, factors, parameters)"
                        + " values (" + catalogueId + ", 'ials', 'trained', " + FACTORS + ", cast('{\"benchmark\": \"true\", \"factors\": "
                        + FACTORS + ", \"alpha\": 3.0, \"regularization\": 30.0, \"blend\": {\"collaborative\": 1.0,"
                        + " \"item-to-item\": 0.5, \"content\": 0.25, \"trending\": 0.1}}' as jsonb)) returning id")) {
                    rs.next();
                    version = rs.getLong(1);
                }
                st.executeUpdate("""
                        insert into item_factor (model_version_id, item_id, factors)
                        select %1$d, v.item_id, cast(cast(subvector(v.embedding, 1, %2$d) as real[]) || array_fill(cast(0 as real), array[%3$d]) as vector)
                          from item_vector_minilm v where v.generation_id = %4$d""".formatted(version, FACTORS, 128 - FACTORS, generation));
                // statistics for the rows just written: without them the join below is planned as a scan per event
                st.execute("analyze item_factor");
                st.executeUpdate("""
                        insert into user_factor (model_version_id, user_id, factors, folded_through_id)
                        select %1$d, x.user_id, sum(f.factors), max(x.id)
                          from interaction x join item_factor f on f.model_version_id = %1$d and f.item_id = x.item_id
                         where x.catalogue_id = %2$d group by x.user_id""".formatted(version, catalogueId));
                st.executeUpdate("""
                        insert into item_neighbours (model_version_id, item_id, neighbour_ids, similarities)
                        select %1$d, h.item_id, array_agg(n.id order by k), array_agg(cast(1.0 / (1 + k) as real) order by k)
                          from (select distinct item_id from interaction where catalogue_id = %2$d) h
                          cross join generate_series(1, %3$d) k
                          join item n on n.id = h.item_id + k and n.catalogue_id = %2$d
                         group by h.item_id""".formatted(version, catalogueId, NEIGHBOURS));
                // the version's own partial HNSW index, as training builds it (ModelStore.indexItemFactors: this
                // file runs alone, without the core module on its class path)
                st.execute("set local maintenance_work_mem = '256MB'");
                st.execute("create index if not exists item_factor_hnsw_v" + version
                        + " on item_factor using hnsw (factors vector_ip_ops) where model_version_id = " + version);
                st.execute("analyze item_factor");
            }
            st.executeUpdate("update model_version set status = 'retired' where catalogue_id = " + catalogueId
                    + " and status = 'active' and id <> " + version);
            st.executeUpdate("update model_version set status = 'active', activated_at = now() where id = " + version);
            long users = 0, neighbours = 0;
            try (var rs = st.executeQuery("select (select count(*) from user_factor where model_version_id = " + version
                    + "), (select coalesce(sum(cardinality(neighbour_ids)), 0) from item_neighbours where model_version_id = " + version + ")")) {
                rs.next();
                users = rs.getLong(1);
                neighbours = rs.getLong(2);
            }
            return String.format(Locale.ROOT, "model: collaborative version %d active (%d factors padded to 128, item factors from the"
                    + " vectors' first %d dimensions, %,d user factors, %,d item neighbours, blend collaborative 1.0 / item-to-item 0.5"
                    + " / content 0.25 / trending 0.1; ready in %.1f s)", version, FACTORS, FACTORS, users, neighbours,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private static long impressions(String url, String user, String password, String catalogue) throws Exception {
        try (var db = DriverManager.getConnection(url, user, password);
                var ps = db.prepareStatement("select count(*) from impression where catalogue_id = (select id from catalogue where name = ?)")) {
            ps.setString(1, catalogue);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
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
