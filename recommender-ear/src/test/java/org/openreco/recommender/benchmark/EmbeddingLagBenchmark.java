package org.openreco.recommender.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Event-to-vector lag under load (not a test; run by bin/benchmark-pipeline): posts events to the batch
 * endpoint of a running server at a fixed target rate per run, then reads the lag of every re-embedding
 * mark cleared meanwhile from the server's batch log (embedding_batch.lag_ms: vector written minus the
 * mark's enqueue time) and prints p50/p95/max, the rate reached and how long the queue took to drain.
 * Items are created and embedded first, so the runs measure the user vectors the events update.
 */
public final class EmbeddingLagBenchmark {

    private static final String[] TYPES = {"view", "view", "view", "click", "click", "like", "add-to-cart", "purchase"};

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .collect(Collectors.toMap(a -> a.substring(2, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
        String url = o.getOrDefault("url", "http://localhost:8080");
        String adminPassword = o.getOrDefault("admin-password", System.getenv().getOrDefault("ADMIN_PASSWORD", "it-admin-Secret-1"));
        int items = Integer.parseInt(o.getOrDefault("items", "2000"));
        int users = Integer.parseInt(o.getOrDefault("users", "20000"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
        int batchSize = Integer.parseInt(o.getOrDefault("batch", "500"));
        int senders = Integer.parseInt(o.getOrDefault("senders", "4"));
        List<Integer> rates = Arrays.stream(o.getOrDefault("rates", "2000,20000").split(",")).map(Integer::parseInt).toList();
        String dbUrl = System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender");
        String dbUser = System.getenv().getOrDefault("DB_USER", "recommender");
        String dbPassword = System.getenv().getOrDefault("DB_PASSWORD", "recommender");

        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        String catalogue = "lag-" + System.currentTimeMillis();
        send(http, HttpRequest.newBuilder(URI.create(url + "/api/v1/catalogues")).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + catalogue + "\"}")), 201);
        String key = send(http, HttpRequest.newBuilder(URI.create(url + "/api/v1/catalogues/" + catalogue + "/api-keys"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"lag\"}")), 201).replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
        String base = url + "/api/v1/catalogues/" + catalogue + "/";

        System.out.println("== machine");
        System.out.println("cpus (nproc): " + Runtime.getRuntime().availableProcessors());
        System.out.println("cpu: " + firstLine("/proc/cpuinfo", "model name"));
        System.out.println("memory: " + firstLine("/proc/meminfo", "MemTotal"));
        System.out.println("load average before (1/5/15 min, other processes included): " + Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.println("server, database and this load generator on the same machine; the machine is shared with other builds");
        System.out.println("== data");
        System.out.printf("catalogue %s (model all-minilm-l6-v2, re-embedding interval 1 s), %,d items, %,d users drawn uniformly,%n"
                + "types %s; %d senders posting batches of %d events; %d s per rate%n", catalogue, items, users,
                String.join("/", TYPES), senders, batchSize, seconds);

        for (int from = 0; from < items; from += 1000) {
            var body = new StringBuilder("[");
            for (int i = from; i < Math.min(items, from + 1000); i++) {
                body.append(i == from ? "" : ",").append("{\"externalId\":\"i").append(i).append("\",\"title\":\"Product ")
                        .append(i).append(" in category ").append(i % 20).append("\",\"categories\":[\"c").append(i % 20).append("\"]}");
            }
            send(http, HttpRequest.newBuilder(URI.create(base + "items:batch")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString())), 200);
        }
        long drained = awaitDrained(dbUrl, dbUser, dbPassword, catalogue, 300);
        System.out.printf("items embedded in %.1f s%n", drained / 1000.0);

        System.out.println("== results");
        var random = new Random(42);
        for (int rate : rates) {
            Instant started = Instant.now();
            AtomicLong accepted = new AtomicLong();
            long intervalNanos = (long) (1e9 * batchSize / rate);
            long begin = System.nanoTime();
            int total = (int) ((long) rate * seconds / batchSize);
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            List<Future<?>> sent = new ArrayList<>();
            for (int b = 0; b < total; b++) {
                long due = begin + b * intervalNanos;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                    if (due - System.nanoTime() > 2_000_000) {
                        Thread.sleep(1);
                    }
                }
                var body = new StringBuilder("[");
                for (int e = 0; e < batchSize; e++) {
                    body.append(e == 0 ? "" : ",").append("{\"user\":\"u").append(random.nextInt(users)).append("\",\"item\":\"i")
                            .append(random.nextInt(items)).append("\",\"type\":\"").append(TYPES[random.nextInt(TYPES.length)]).append("\"}");
                }
                String payload = body.append("]").toString();
                sent.add(pool.submit(() -> {
                    String reply = send(http, HttpRequest.newBuilder(URI.create(base + "events:batch"))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(payload)), 200);
                    accepted.addAndGet(Long.parseLong(reply.replaceAll(".*\"accepted\":(\\d+).*", "$1")));
                    return null;
                }));
            }
            for (var f : sent) {
                f.get();
            }
            pool.shutdown();
            double sendSeconds = (System.nanoTime() - begin) / 1e9;
            long drainMillis = awaitDrained(dbUrl, dbUser, dbPassword, catalogue, 600);
            try (var c = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
                 var q = c.prepareStatement("""
                         select count(*), percentile_disc(0.5) within group (order by l), percentile_disc(0.95) within group (order by l),
                                max(l), count(distinct b.id)
                           from embedding_batch b join catalogue c on c.id = b.catalogue_id, unnest(b.lag_ms) l
                          where c.name = ? and b.finished_at >= ?""")) {
                q.setString(1, catalogue);
                q.setTimestamp(2, java.sql.Timestamp.from(started));
                try (var r = q.executeQuery()) {
                    r.next();
                    System.out.printf("target %,6d events/s: sent %,d accepted at %,.0f events/s; %,d user vectors updated in %,d batches;"
                            + " lag p50 %.2f s, p95 %.2f s, max %.2f s; queue drained %.1f s after the last request%n",
                            rate, accepted.get(), accepted.get() / sendSeconds, r.getLong(1), r.getLong(5),
                            r.getLong(2) / 1000.0, r.getLong(3) / 1000.0, r.getLong(4) / 1000.0, drainMillis / 1000.0);
                }
            }
        }
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** Waits until the catalogue's queue holds no due mark; returns the milliseconds waited. */
    private static long awaitDrained(String dbUrl, String user, String password, String catalogue, int maxSeconds) throws Exception {
        long start = System.currentTimeMillis();
        try (var c = DriverManager.getConnection(dbUrl, user, password);
             var q = c.prepareStatement("select count(*) from embedding_queue e join catalogue c on c.id = e.catalogue_id"
                     + " where c.name = ? and not e.parked")) {
            q.setString(1, catalogue);
            while (System.currentTimeMillis() - start < maxSeconds * 1000L) {
                try (var r = q.executeQuery()) {
                    r.next();
                    if (r.getLong(1) == 0) {
                        return System.currentTimeMillis() - start;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the queue of " + catalogue + " did not drain within " + maxSeconds + " s");
    }

    private static String send(HttpClient http, HttpRequest.Builder request, int expected) throws Exception {
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String firstLine(String file, String key) throws Exception {
        return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
    }
}
