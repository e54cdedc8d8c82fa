package org.openreco.recommender.recommendations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.platform.boundary.OverloadedException;

class ServingGateTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void a_configured_number_of_permits_is_taken_as_given() {
        assertEquals(3, ServingGate.permits("3"));
        assertEquals(12, ServingGate.permits(" 12 "));
    }

    @Test
    void without_a_usable_setting_it_lets_twice_the_cores_through() {
        assertEquals(2 * CORES, ServingGate.permits(null));
        assertEquals(2 * CORES, ServingGate.permits("0"));
        assertEquals(2 * CORES, ServingGate.permits("-4"));
        assertEquals(2 * CORES, ServingGate.permits("many"));
    }

    @Test
    void a_caller_waits_at_most_the_configured_time_for_a_permit_then_is_refused() throws Exception {
        var gate = new ServingGate(1, 200);
        var holding = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var pool = Executors.newSingleThreadExecutor()) {
            var holder = pool.submit(() -> gate.through(() -> {
                holding.countDown();
                try {
                    return release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            holding.await();
            long started = System.nanoTime();
            var refused = assertThrows(OverloadedException.class, () -> gate.through(() -> "never"));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertTrue(waited >= 150 && waited < 5_000, "waited " + waited + " ms");
            assertEquals(1, refused.retryAfterSeconds());
            release.countDown();
            assertTrue(holder.get(10, TimeUnit.SECONDS));
        }
        assertEquals("served", gate.through(() -> "served"), "the permit came back");
    }

    @Test
    void the_wait_is_configurable_and_defaults_to_five_seconds() {
        assertEquals(250, ServingGate.waitMillis("250"));
        assertEquals(5_000, ServingGate.waitMillis(null));
        assertEquals(5_000, ServingGate.waitMillis("soon"));
    }

    @Test
    void no_more_answers_than_permits_run_at_once_and_every_one_gets_its_turn() throws Exception {
        var gate = new ServingGate();
        int permits = 2 * CORES;
        int callers = permits * 3;
        var running = new AtomicInteger();
        var most = new AtomicInteger();
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(callers)) {
            var answers = new ArrayList<Future<Integer>>();
            for (int i = 0; i < callers; i++) {
                int caller = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return gate.through(() -> {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        running.decrementAndGet();
                        return caller;
                    });
                }));
            }
            start.countDown();
            for (int i = 0; i < callers; i++) {
                assertEquals(i, answers.get(i).get(10, TimeUnit.SECONDS));
            }
        }
        assertEquals(permits, most.get(), "the gate was full but never over-full");
    }
}
