package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL frozen (SIGSTOP: connections stay open, nothing answers) under recommendation requests: the
 * answers that cannot get a serving slot fail fast with 503 after the serving wait instead of piling up,
 * and once the database runs again (SIGCONT) the stuck one finishes and new ones succeed. The server runs
 * with one serving slot and a one-second wait for this test. Needs the test database on this machine.
 */
class FrozenDatabaseIT {

    private static final String URL = System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");
    private static final int CALLERS = 6;

    @Test
    void requests_fail_fast_with_503_while_the_database_is_frozen_and_recover_after() throws Exception {
        assumeTrue(!postgresProcesses().isEmpty(), "the test database is not a local PostgreSQL this test can freeze");
        List<ProcessHandle> postgres = new ArrayList<>();
        ItServer.restart(Map.of("SERVER_JAVA_OPTS", "-Drecommender.serving.concurrency=1 -Drecommender.serving.wait-millis=1000"));
        try {
            var shop = Storefront.create("frozen");
            assertEquals(200, shop.get("users/warm/recommendations?n=5").status(), "the key and catalogue are known");

            List<Future<long[]>> calls = new ArrayList<>();
            try (var callers = Executors.newFixedThreadPool(CALLERS)) {
                postgres.addAll(postgresProcesses()); // now: with the backends of the server's current connections
                signal(postgres, "STOP");
                try {
                    for (int i = 0; i < CALLERS; i++) {
                        String user = "u" + i;
                        calls.add(callers.submit(() -> {
                            long started = System.nanoTime();
                            int status = shop.get("users/" + user + "/recommendations?n=5").status();
                            return new long[] {status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)};
                        }));
                    }
                    Thread.sleep(20_000);
                } finally {
                    signal(postgres, "CONT");
                }
                int refused = 0, served = 0;
                for (var call : calls) {
                    long[] reply = call.get(60, TimeUnit.SECONDS);
                    if (reply[0] == 503) {
                        refused++;
                        assertTrue(reply[1] < 5_000, "a refusal came fast, in " + reply[1] + " ms");
                    } else {
                        assertEquals(200, reply[0], "the caller that held the slot finishes once the database runs");
                        served++;
                    }
                }
                assertTrue(refused >= CALLERS - 1, refused + " refused, " + served + " served");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int status;
            do {
                status = shop.get("users/after/recommendations?n=5").status();
            } while (status != 200 && System.nanoTime() < deadline);
            assertEquals(200, status, "serving answers again within 5 s of the database being back");
            assertNoRequestThreadWaitsOnTheDatabase();
        } finally {
            signal(postgres, "CONT");
            ItServer.restart(Map.of());
        }
    }

    /**
     * Once every call has returned, no request thread is left inside the JDBC driver (a read on a connection
     * of the frozen database would hang there until its socket timeout): checked in thread dumps for up to
     * 10 s, as a thread may still be returning its last answer.
     */
    private static void assertNoRequestThreadWaitsOnTheDatabase() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> waiting;
        do {
            waiting = Arrays.stream(ItServer.threadDump().split("\n\n"))
                    .filter(thread -> thread.startsWith("\"default task-") && thread.contains("org.postgresql."))
                    .toList();
        } while (!waiting.isEmpty() && System.nanoTime() < deadline && sleptHalfASecond());
        assertEquals(List.of(), waiting, "request threads still in the JDBC driver after the database came back");
    }

    private static boolean sleptHalfASecond() throws InterruptedException {
        Thread.sleep(500);
        return true;
    }

    /** The postmaster of the test database (the parent of this connection's backend) and all its processes. */
    private static List<ProcessHandle> postgresProcesses() throws Exception {
        try (var connection = DriverManager.getConnection(URL, System.getenv().getOrDefault("DB_USER", "recommender"),
                System.getenv().getOrDefault("DB_PASSWORD", "recommender"));
                var rows = connection.createStatement().executeQuery("select pg_backend_pid()")) {
            rows.next();
            var backend = ProcessHandle.of(rows.getLong(1));
            var postmaster = backend.flatMap(ProcessHandle::parent);
            if (postmaster.isEmpty() || !postmaster.get().info().command().orElse("").contains("postgres")) {
                return List.of();
            }
            var all = new ArrayList<ProcessHandle>();
            all.add(postmaster.get());
            postmaster.get().descendants().forEach(all::add);
            return all;
        }
    }

    /** SIGSTOP or SIGCONT to every process, the postmaster first (so that it forks no new backend meanwhile). */
    private static void signal(List<ProcessHandle> processes, String signal) throws Exception {
        if (processes.isEmpty()) {
            return;
        }
        var command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        new ProcessBuilder(command).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }
}
