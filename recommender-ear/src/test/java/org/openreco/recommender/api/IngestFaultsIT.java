package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Event ingest under faults, four clients sending batches at once: PostgreSQL restarted, and the server
 * killed (SIGKILL) during an ingest of 100,000 events. Every event is told apart by its own timestamp (no
 * client event id, which would hide a second copy): each batch acknowledged with 200 is stored once,
 * each batch that got an error is stored whole or not at all, and no event is stored twice.
 */
class IngestFaultsIT {

    private static final String URL = System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");
    private static final String USER = System.getenv().getOrDefault("DB_USER", "recommender");
    private static final String PASSWORD = System.getenv().getOrDefault("DB_PASSWORD", "recommender");
    private static final int SENDERS = 4;

    @Test
    void every_acknowledged_event_survives_a_database_restart_under_four_writers() throws Exception {
        var postmaster = postmaster();
        assumeTrue(postmaster != null, "the test database is not a local PostgreSQL this test can restart");
        var shop = Storefront.create("pg-restart");
        var senders = new Senders(shop, 100, Integer.MAX_VALUE);
        senders.start();
        try {
            senders.awaitAcknowledged(2_000, Duration.ofSeconds(60));
            restart(postmaster);
            long back = System.nanoTime();
            int status;
            do {
                status = status(() -> shop.get("users/s0-u1/recommendations?n=5"));
            } while (status != 200 && System.nanoTime() - back < TimeUnit.SECONDS.toNanos(5));
            assertEquals(200, status, "serving answers again within 5 s of the database being back");
            long acknowledged = senders.acknowledged.get();
            senders.awaitAcknowledged(acknowledged + 2_000, Duration.ofSeconds(30));
        } finally {
            senders.stop();
        }
        senders.verify();
        assertTrue(senders.failed.size() > 0, "the restart cut off some batches");
    }

    @Test
    void every_acknowledged_event_of_a_100000_event_ingest_survives_a_server_kill() throws Exception {
        var shop = Storefront.create("kill-ingest");
        var senders = new Senders(shop, 1_000, 100);
        senders.start();
        try {
            senders.awaitAcknowledged(30_000, Duration.ofMinutes(3));
            ItServer.kill();
            ItServer.ensureUp();
            senders.awaitDone(Duration.ofMinutes(5));
        } finally {
            senders.stop();
            ItServer.ensureUp();
        }
        senders.verify();
        assertEquals(100, senders.acked.size() + senders.failed.size(), "every batch was sent once");
        assertTrue(senders.failed.size() > 0, "the kill cut off some batches");
    }

    /**
     * Four senders of event batches, each event stamped with a time of its own; a sender that gets an error
     * waits until the server is ready and goes on with its next batch (the failed one is not sent again).
     */
    private static final class Senders {

        private final Storefront shop;
        private final int batchSize;
        private final int maxBatches;
        private final ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        private final List<Future<?>> running = new ArrayList<>();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicInteger batches = new AtomicInteger();
        final AtomicLong acknowledged = new AtomicLong();
        final ConcurrentLinkedQueue<long[]> acked = new ConcurrentLinkedQueue<>(); // first stamp, size
        final ConcurrentLinkedQueue<long[]> failed = new ConcurrentLinkedQueue<>();
        private final Instant base = Instant.parse("2025-01-01T00:00:00Z");

        Senders(Storefront shop, int batchSize, int maxBatches) {
            this.shop = shop;
            this.batchSize = batchSize;
            this.maxBatches = maxBatches;
        }

        void start() {
            assertEquals(200, shop.post("items:batch", "[" + String.join(",", java.util.stream.IntStream.range(0, 50)
                    .mapToObj(i -> "{\"externalId\":\"p" + i + "\",\"title\":\"Product " + i + "\"}").toList()) + "]").status());
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                running.add(pool.submit(() -> send(sender)));
            }
        }

        private void send(int sender) {
            while (!stopping.get()) {
                int batch = batches.getAndIncrement();
                if (batch >= maxBatches) {
                    return;
                }
                long first = (long) batch * batchSize;
                var json = new StringBuilder("[");
                for (int i = 0; i < batchSize; i++) {
                    json.append(i == 0 ? "" : ",").append("{\"user\":\"s").append(sender).append("-u").append(i % 40)
                            .append("\",\"item\":\"p").append(i % 50).append("\",\"type\":\"view\",\"timestamp\":\"")
                            .append(base.plusSeconds(first + i)).append("\"}");
                }
                var reply = reply(() -> shop.post("events:batch", json.append(']').toString()));
                // a JSON 4xx is the application refusing the batch; a page without JSON is a server still deploying it
                if (reply != null && reply.status() < 500 && reply.status() != 200 && reply.contentType().contains("json")) {
                    throw new AssertionError("a batch refused: " + reply.status() + " " + reply.body());
                }
                if (reply != null && reply.status() == 200) {
                    assertEquals(batchSize, reply.json().getJsonNumber("accepted").longValue(), reply.body());
                    acked.add(new long[] {first, batchSize});
                    acknowledged.addAndGet(batchSize);
                } else {
                    failed.add(new long[] {first, batchSize});
                    awaitReady();
                }
            }
        }

        private void awaitReady() {
            try {
                Thread.sleep(200);
                while (!stopping.get() && !ItServer.ready()) {
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitAcknowledged(long events, Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (acknowledged.get() < events) {
                for (var sender : running) {
                    if (sender.isDone()) {
                        sender.get(); // a sender's assertion fails the test now
                    }
                }
                assertTrue(System.nanoTime() < deadline, "only " + acknowledged.get() + " events acknowledged, "
                        + failed.size() + " batches failed");
                Thread.sleep(50);
            }
        }

        void awaitDone(Duration within) throws Exception {
            for (var sender : running) {
                sender.get(within.toSeconds(), TimeUnit.SECONDS);
            }
        }

        void stop() throws Exception {
            stopping.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES), "the senders stop");
            for (var sender : running) {
                sender.get(); // an assertion failed in a sender fails the test
            }
        }

        /** Acknowledged batches stored once, failed ones whole or not at all, nothing twice. */
        void verify() throws Exception {
            Map<Long, Long> stored = new HashMap<>(); // seconds after base -> copies
            try (var db = DriverManager.getConnection(URL, USER, PASSWORD); var query = db.prepareStatement("""
                    select extract(epoch from t.occurred_at - ?)::bigint, count(*) from interaction t
                      join catalogue c on c.id = t.catalogue_id where c.name = ? group by 1""")) {
                query.setObject(1, java.time.OffsetDateTime.ofInstant(base, java.time.ZoneOffset.UTC));
                query.setString(2, shop.catalogue);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        stored.put(rows.getLong(1), rows.getLong(2));
                    }
                }
            }
            long expected = 0;
            for (long[] batch : acked) {
                for (long e = batch[0]; e < batch[0] + batch[1]; e++) {
                    assertEquals(1L, stored.getOrDefault(e, 0L), "acknowledged event " + e + " stored once");
                }
                expected += batch[1];
            }
            for (long[] batch : failed) {
                long present = 0;
                for (long e = batch[0]; e < batch[0] + batch[1]; e++) {
                    present += stored.getOrDefault(e, 0L);
                }
                assertTrue(present == 0 || present == batch[1], "a failed batch at " + batch[0] + " is half-written: " + present);
                expected += present;
            }
            assertEquals(expected, stored.values().stream().mapToLong(Long::longValue).sum(), "no event stored twice, none unaccounted for");
        }
    }

    private static int status(java.util.function.Supplier<Api.Reply> call) {
        var reply = reply(call);
        return reply == null ? 0 : reply.status();
    }

    private static Api.Reply reply(java.util.function.Supplier<Api.Reply> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return null; // the server is gone
        }
    }

    /** The test database's postmaster, when it runs on this machine; null otherwise. */
    private static ProcessHandle postmaster() throws Exception {
        try (var connection = DriverManager.getConnection(URL, USER, PASSWORD);
                var rows = connection.createStatement().executeQuery("select pg_backend_pid()")) {
            rows.next();
            var parent = ProcessHandle.of(rows.getLong(1)).flatMap(ProcessHandle::parent);
            return parent.filter(p -> p.info().command().orElse("").endsWith("/postgres")).orElse(null);
        }
    }

    /**
     * A fast shutdown (SIGINT: connections are cut, open transactions roll back) and a start with pg_ctl on
     * the same data folder, as the folder's owner.
     */
    private static void restart(ProcessHandle postmaster) throws Exception {
        String[] command = postmaster.info().arguments().orElseThrow();
        Path binary = Path.of(postmaster.info().command().orElseThrow());
        Path data = null;
        for (int i = 0; i < command.length - 1; i++) {
            if (command[i].equals("-D")) {
                data = Path.of(command[i + 1]);
            }
        }
        assertTrue(data != null, "the postmaster's data folder");
        run(List.of("kill", "-INT", Long.toString(postmaster.pid())));
        postmaster.onExit().get(60, TimeUnit.SECONDS);
        Thread.sleep(2_000);
        String owner = Files.getOwner(data).getName();
        var start = new ArrayList<String>();
        if (!owner.equals(System.getProperty("user.name"))) {
            start.addAll(List.of("runuser", "-u", owner, "--"));
        }
        start.addAll(List.of(binary.resolveSibling("pg_ctl").toString(), "start", "-w", "-t", "60", "-D", data.toString(),
                "-l", data.resolve("server.log").toString()));
        run(start);
    }

    private static void run(List<String> command) throws Exception {
        var process = new ProcessBuilder(command).directory(Path.of("/").toFile()).inheritIO().start();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS) && process.exitValue() == 0, "failed: " + command);
    }
}
