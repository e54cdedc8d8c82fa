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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A soak of a running server (not a test; run it with bin/soak): mixed load for a long time, event ingest
 * at a fixed rate, recommendations at half the capacity measured first, a training every few minutes,
 * while the server's heap after a full GC and its resident memory are sampled every minute. At the end it
 * says whether memory stayed flat (within 10 % after the warm-up), whether any answer was a 5xx, and
 * whether the events the server acknowledged are the rows in the database.
 */
public final class Soak {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
    private static final String[] TYPES = {"view", "view", "view", "click", "like", "add-to-cart", "purchase"};

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String auth;
    private final String catalogue = "soak-" + System.currentTimeMillis();
    private String key;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong eventIds = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong otherErrors = new AtomicLong();
    private final AtomicLong trainings = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final int items = 2_000;
    private final int users = 20_000;

    private Soak(String url, String adminPassword) {
        this.url = url;
        this.auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .collect(Collectors.toMap(a -> a.substring(2, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
        String url = o.getOrDefault("url", "http://localhost:8080");
        String host = URI.create(url).getHost();
        if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
            throw new IllegalArgumentException("the soak only targets localhost, not " + url);
        }
        var soak = new Soak(url, o.getOrDefault("admin-password", System.getenv().getOrDefault("ADMIN_PASSWORD", "it-admin-Secret-1")));
        soak.run(Integer.parseInt(o.getOrDefault("minutes", "30")), Integer.parseInt(o.getOrDefault("events-per-second", "2000")),
                Integer.parseInt(o.getOrDefault("recommendations-per-second", "0")),
                Integer.parseInt(o.getOrDefault("training-every-minutes", "5")), Long.parseLong(o.getOrDefault("pid", "0")));
    }

    private void run(int minutes, int eventsPerSecond, int recommendationsPerSecond, int trainingEvery, long pid) throws Exception {
        System.out.println("soak started " + Instant.now());
        setUp();
        int rate = recommendationsPerSecond > 0 ? recommendationsPerSecond : Math.max(1, capacity() / 2);
        System.out.printf("== soak of %s: %d min, %,d events/s in batches of %d, %,d recommendations/s, a training every %d min, server pid %d%n",
                catalogue, minutes, eventsPerSecond, eventsPerSecond / 10, rate, trainingEvery, pid);
        System.out.println("minute  events acked  events/s  answers/s  trainings  5xx  skipped  heap after GC (MB)  RSS (MB)");
        var ticks = Executors.newScheduledThreadPool(2);
        var senders = Executors.newFixedThreadPool(4);
        var askers = Executors.newFixedThreadPool(8);
        // at most 4 batches and 8 questions in flight: a tick that finds them all busy is skipped and counted,
        // so a server that cannot keep up shows as a lower rate, not as a queue growing in this process
        var sending = new Semaphore(4);
        var asking = new Semaphore(8);
        ticks.scheduleAtFixedRate(() -> paced(senders, sending, () -> sendEvents(eventsPerSecond / 10)), 0, 100, TimeUnit.MILLISECONDS);
        ticks.scheduleAtFixedRate(() -> {
            for (int i = 0; i < Math.max(1, rate / 20); i++) {
                paced(askers, asking, this::recommend);
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        ticks.scheduleAtFixedRate(this::train, 0, trainingEvery, TimeUnit.MINUTES);
        List<long[]> samples = new ArrayList<>(); // heap, rss (bytes)
        long lastEvents = 0, lastAnswers = 0;
        for (int minute = 1; minute <= minutes; minute++) {
            Thread.sleep(60_000);
            long heap = pid > 0 ? heapAfterFullGc(pid) : -1;
            long rss = pid > 0 ? rss(pid) : -1;
            samples.add(new long[] {heap, rss});
            long events = acknowledged.get(), asked = answers.get();
            System.out.printf("%6d  %12d  %8d  %9d  %9d  %3d  %7d  %18d  %8d%n", minute, events, (events - lastEvents) / 60,
                    (asked - lastAnswers) / 60, trainings.get(), serverErrors.get(), skipped.get(), heap >> 20, rss >> 20);
            lastEvents = events;
            lastAnswers = asked;
        }
        ticks.shutdownNow();
        senders.shutdown();
        askers.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        askers.awaitTermination(2, TimeUnit.MINUTES);
        report(samples);
    }

    private void paced(ExecutorService pool, Semaphore inFlight, Runnable work) {
        if (!inFlight.tryAcquire()) {
            skipped.incrementAndGet();
            return;
        }
        pool.submit(() -> {
            try {
                work.run();
            } finally {
                inFlight.release();
            }
        });
    }

    private void setUp() throws Exception {
        require(201, send(admin("/api/v1/catalogues").POST(json("{\"name\":\"" + catalogue + "\"}"))));
        var created = send(admin("/api/v1/catalogues/" + catalogue + "/api-keys").POST(json("{\"name\":\"soak\"}")));
        require(201, created);
        var m = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(created.body());
        key = m.find() ? m.group(1) : null;
        for (int from = 0; from < items; from += 500) {
            var body = new StringBuilder("[");
            for (int i = from; i < from + 500; i++) {
                body.append(i == from ? "" : ",").append("{\"externalId\":\"p").append(i).append("\",\"title\":\"Product ").append(i)
                        .append("\",\"categories\":[\"c").append(i % 20).append("\"]}");
            }
            require(200, send(storefront("items:batch").POST(json(body.append(']').toString()))));
        }
        for (int i = 0; i < 20; i++) {
            sendEvents(1_000); // users with a history before the first training
        }
    }

    /** Requests per second of 8 callers without pause for 20 s. */
    private int capacity() throws Exception {
        var callers = Executors.newFixedThreadPool(8);
        long before = answers.get();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int c = 0; c < 8; c++) {
            callers.submit(() -> {
                while (System.nanoTime() < end) {
                    recommend();
                }
            });
        }
        callers.shutdown();
        callers.awaitTermination(1, TimeUnit.MINUTES);
        int measured = (int) ((answers.get() - before) / 20);
        System.out.printf("capacity: %,d recommendations/s at 8 callers%n", measured);
        return measured;
    }

    private void sendEvents(int n) {
        var body = new StringBuilder("[");
        var random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",").append("{\"user\":\"u").append(random.nextInt(users)).append("\",\"item\":\"p")
                    .append(random.nextInt(items)).append("\",\"type\":\"").append(TYPES[random.nextInt(TYPES.length)])
                    .append("\",\"clientEventId\":\"soak-").append(eventIds.incrementAndGet()).append("\"}");
        }
        try {
            var reply = send(storefront("events:batch").POST(json(body.append(']').toString())));
            count(reply);
            var m = ACCEPTED.matcher(reply.body());
            if (reply.statusCode() == 200 && m.find()) {
                acknowledged.addAndGet(Long.parseLong(m.group(1)));
            }
        } catch (IOException | InterruptedException e) {
            otherErrors.incrementAndGet();
        }
    }

    private void recommend() {
        try {
            var reply = send(storefront("users/u" + ThreadLocalRandom.current().nextInt(users) + "/recommendations?n=10").GET());
            count(reply);
            answers.incrementAndGet();
        } catch (IOException | InterruptedException e) {
            otherErrors.incrementAndGet();
        }
    }

    private void train() {
        try {
            var reply = send(admin("/api/v1/admin/catalogues/" + catalogue + "/training").POST(json("{\"epochs\":5}")));
            count(reply);
            if (reply.statusCode() == 202) {
                trainings.incrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            otherErrors.incrementAndGet();
        }
    }

    private void count(HttpResponse<String> reply) {
        if (reply.statusCode() >= 500) {
            if (serverErrors.incrementAndGet() <= 5) {
                System.out.println("5xx: " + reply.statusCode() + " " + reply.body().substring(0, Math.min(300, reply.body().length())));
            }
        }
    }

    private void report(List<long[]> samples) throws Exception {
        Thread.sleep(5_000);
        long rows;
        try (var db = DriverManager.getConnection(System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender"),
                System.getenv().getOrDefault("DB_USER", "recommender"), System.getenv().getOrDefault("DB_PASSWORD", "recommender"));
                var query = db.prepareStatement("select count(*) from interaction t join catalogue c on c.id = t.catalogue_id where c.name = ?")) {
            query.setString(1, catalogue);
            var row = query.executeQuery();
            row.next();
            rows = row.getLong(1);
        }
        var settled = samples.subList(Math.min(5, samples.size() - 1), samples.size()); // after a 5-minute warm-up
        boolean heapFlat = flat(settled, 0), rssFlat = flat(settled, 1);
        System.out.println("== result");
        System.out.printf("heap after full GC flat within 10 %% after minute 5: %s; RSS: %s%n", heapFlat, rssFlat);
        System.out.printf("5xx answers: %d (other errors: %d)%n", serverErrors.get(), otherErrors.get());
        System.out.printf("events acknowledged %,d, rows %,d: %s%n", acknowledged.get(), rows, rows == acknowledged.get() ? "equal" : "DIFFERENT");
        boolean passed = heapFlat && rssFlat && serverErrors.get() == 0 && rows == acknowledged.get();
        System.out.println(passed ? "SOAK PASSED" : "SOAK FAILED");
        System.exit(passed ? 0 : 1);
    }

    private static boolean flat(List<long[]> samples, int column) {
        long min = samples.stream().mapToLong(s -> s[column]).min().orElse(0);
        long max = samples.stream().mapToLong(s -> s[column]).max().orElse(0);
        return min < 0 || max <= min * 1.10;
    }

    /**
     * The live heap: the old generation's use right after a full collection (jcmd GC.run; G1's full GC
     * compacts every live object into old regions), read with jstat from the same JDK. Eden is left out:
     * under load it fills again between the collection and the reading.
     */
    private static long heapAfterFullGc(long pid) throws Exception {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        exec(bin.resolve("jcmd").toString(), Long.toString(pid), "GC.run");
        String[] lines = exec(bin.resolve("jstat").toString(), "-gc", Long.toString(pid)).strip().split("\n");
        var names = lines[0].trim().split("\\s+");
        var values = lines[1].trim().split("\\s+");
        double kb = 0;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals("OU")) {
                kb += Double.parseDouble(values[i]);
            }
        }
        return (long) (kb * 1024);
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static String exec(String... command) throws Exception {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", auth).timeout(Duration.ofSeconds(60));
    }

    private HttpRequest.Builder storefront(String path) {
        return HttpRequest.newBuilder(URI.create(url + "/api/v1/catalogues/" + catalogue + "/" + path)).header("X-API-Key", key)
                .timeout(Duration.ofSeconds(60));
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void require(int status, HttpResponse<String> reply) {
        if (reply.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ": " + reply.statusCode() + " " + reply.body());
        }
    }
}
