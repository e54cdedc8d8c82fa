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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Event ingest through the storefront batch endpoint of a running server, from this separate process:
 * creates a catalogue, creates its items with a first pass of events (createMissingItems), then for
 * each batch size lets several senders post batches for a fixed time and prints events/s and request
 * latencies; finally counts the catalogue's rows in the database and compares them with what the
 * server said it accepted. With {@code --pause-pipeline} the catalogue's re-embedding is paused before
 * the first event (its queue marks still accumulate), so the figures are ingest's alone. Not a test:
 * run it with bin/benchmark-ingest.
 */
public final class IngestBenchmark {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
    private static final String[] TYPES = {"view", "view", "view", "click", "click", "like", "add-to-cart", "purchase", "rating"};

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .collect(Collectors.toMap(a -> a.substring(2, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
        String url = o.getOrDefault("url", "http://localhost:8080");
        if (!URI.create(url).getHost().equals("localhost") && !URI.create(url).getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("this benchmark only targets localhost, not " + url);
        }
        String adminPassword = o.getOrDefault("admin-password", System.getenv().getOrDefault("ADMIN_PASSWORD", "it-admin-Secret-1"));
        int items = Integer.parseInt(o.getOrDefault("items", "10000"));
        int users = Integer.parseInt(o.getOrDefault("users", "100000"));
        int senders = Integer.parseInt(o.getOrDefault("senders", "4"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        List<Integer> sizes = Arrays.stream(o.getOrDefault("batch-sizes", "100,1000").split(",")).map(Integer::parseInt).toList();
        String dbUrl = System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender");

        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        String catalogue = "bench-" + System.currentTimeMillis();
        var created = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/catalogues")).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + catalogue + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the catalogue: " + created.statusCode() + " " + created.body());
        }
        boolean pausePipeline = Arrays.asList(args).contains("--pause-pipeline");
        if (pausePipeline) {
            var paused = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/catalogues/" + catalogue + "/embeddings/pause"))
                    .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (paused.statusCode() != 200) {
                throw new IllegalStateException("pausing the re-embedding: " + paused.statusCode() + " " + paused.body());
            }
        }
        String events = url + "/api/v1/catalogues/" + catalogue + "/events:batch";
        String apiKey = apiKey(http, url, auth, catalogue);

        System.out.println("== machine");
        System.out.println("cpus (nproc): " + Runtime.getRuntime().availableProcessors());
        System.out.println("cpu: " + firstLine("/proc/cpuinfo", "model name"));
        System.out.println("memory: " + firstLine("/proc/meminfo", "MemTotal"));
        System.out.println("load average before (1/5/15 min, other processes included): " + loadAverage());
        System.out.println("load process: java " + Runtime.version() + ", server and database on the same machine");
        System.out.println("== data and settings");
        System.out.printf("catalogue %s, %,d items, %,d users drawn uniformly, types %s (rating values 0.5–5),%n",
                catalogue, items, users, String.join("/", TYPES));
        System.out.printf("every event with a unique clientEventId, timestamp within the last 30 days; %d concurrent senders, %d s per batch size%n",
                senders, seconds);
        System.out.println("re-embedding pipeline of the catalogue: " + (pausePipeline ? "paused (--pause-pipeline)" : "running"));

        // the items, and a warm-up of the server's code paths
        long setupAccepted = 0;
        long t0 = System.nanoTime();
        AtomicLong sequence = new AtomicLong();
        for (int from = 0; from < items; from += 1000) {
            var body = new StringBuilder("[");
            for (int i = from; i < Math.min(items, from + 1000); i++) {
                event(body.append(i == from ? "" : ","), "u" + (i % users), "i" + i, "view", null, "setup-" + sequence.incrementAndGet());
            }
            var reply = post(http, events + "?createMissingItems=true", apiKey, auth, body.append(']').toString());
            setupAccepted += accepted(reply);
        }
        System.out.printf("setup: %,d items created through %,d events in %.1f s%n", items, setupAccepted, (System.nanoTime() - t0) / 1e9);

        long totalAccepted = setupAccepted;
        System.out.println("== results");
        for (int size : sizes) {
            var latencies = new ConcurrentLinkedQueue<Long>();
            var accepted = new AtomicLong();
            var failures = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            var threads = new ArrayList<Thread>();
            long start = System.nanoTime();
            for (int s = 0; s < senders; s++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    var random = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        var body = new StringBuilder(size * 130).append('[');
                        for (int i = 0; i < size; i++) {
                            String type = TYPES[random.nextInt(TYPES.length)];
                            event(body.append(i == 0 ? "" : ","), "u" + random.nextInt(users), "i" + random.nextInt(items), type,
                                    type.equals("rating") ? 0.5 * (1 + random.nextInt(10)) : null, "b" + sequence.incrementAndGet());
                        }
                        long before = System.nanoTime();
                        try {
                            var reply = post(http, events, apiKey, auth, body.append(']').toString());
                            latencies.add(System.nanoTime() - before);
                            long n = accepted(reply);
                            accepted.addAndGet(n);
                            if (n != size) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            System.err.println("request failed: " + e);
                        }
                    }
                }));
            }
            for (var thread : threads) {
                thread.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("batch %5d: %,9d events accepted in %6.1f s = %,8.0f events/s; %,6d requests (%d not fully accepted), "
                    + "latency p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms%n", size, accepted.get(), elapsed, accepted.get() / elapsed,
                    sorted.length, failures.get(), percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100));
            System.out.println("            load average after: " + loadAverage());
            totalAccepted += accepted.get();
        }

        try (var connection = DriverManager.getConnection(dbUrl, System.getenv().getOrDefault("DB_USER", "recommender"),
                System.getenv().getOrDefault("DB_PASSWORD", "recommender"));
                var count = connection.prepareStatement("select count(*) from interaction where catalogue_id = (select id from catalogue where name = ?)")) {
            count.setString(1, catalogue);
            try (var result = count.executeQuery()) {
                result.next();
                long rows = result.getLong(1);
                System.out.printf("== check: accepted %,d, rows in interaction for %s %,d, lost %,d%n", totalAccepted, catalogue, rows,
                        totalAccepted - rows);
                if (rows != totalAccepted) {
                    System.exit(1);
                }
            }
        }
    }

    /** A storefront key when the server has the API-key endpoint, else none (the endpoint is then open). */
    private static String apiKey(HttpClient http, String url, String auth, String catalogue) throws IOException, InterruptedException {
        var reply = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/catalogues/" + catalogue + "/api-keys"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"benchmark\"}")).build(), HttpResponse.BodyHandlers.ofString());
        var key = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(reply.body());
        return reply.statusCode() / 100 == 2 && key.find() ? key.group(1) : null;
    }

    private static void event(StringBuilder body, String user, String item, String type, Double value, String clientEventId) {
        long at = System.currentTimeMillis() - ThreadLocalRandom.current().nextLong(30L * 24 * 3600 * 1000);
        body.append("{\"user\":\"").append(user).append("\",\"item\":\"").append(item).append("\",\"type\":\"").append(type)
                .append('"');
        if (value != null) {
            body.append(",\"value\":").append(value);
        }
        body.append(",\"timestamp\":\"").append(java.time.Instant.ofEpochMilli(at)).append("\",\"clientEventId\":\"")
                .append(clientEventId).append("\"}");
    }

    private static HttpResponse<String> post(HttpClient http, String url, String apiKey, String auth, String body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
        // no admin credentials without a key: Basic authentication runs bcrypt, ~90 ms of CPU per request
        if (apiKey != null) {
            request = request.header("X-API-Key", apiKey);
        }
        var reply = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException(reply.statusCode() + " " + reply.body().substring(0, Math.min(500, reply.body().length())));
        }
        return reply;
    }

    private static long accepted(HttpResponse<String> reply) {
        var m = ACCEPTED.matcher(reply.body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** The figures mean little on a busy machine: printed so that a reader can tell. */
    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static String firstLine(String file, String prefix) throws IOException {
        return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
    }
}
