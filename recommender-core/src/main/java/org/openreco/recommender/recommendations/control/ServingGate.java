package org.openreco.recommender.recommendations.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openreco.recommender.platform.boundary.OverloadedException;
import org.openreco.recommender.platform.boundary.Settings;

/**
 * Lets only a few answers search PostgreSQL at a time; the others wait here, in the JVM. Under a burst,
 * 20 backends each running an HNSW search on 2 cores spent their time switching and contending: with 4
 * at a time the same machine served 25 % more recommendations per second at a 40 % lower p99
 * (BENCHMARKS.md). Default: twice the server's cores, for a database on the same machine; set
 * {@value #PROPERTY} (a setting) where the database has cores of its own. A caller waits at most
 * {@value #WAIT_PROPERTY} milliseconds (default 5,000) for a permit, then gets an
 * {@link OverloadedException} (503): when the database stalls, requests fail fast instead of piling up threads.
 */
@ApplicationScoped
public class ServingGate {

    static final String PROPERTY = "recommender.serving.concurrency";
    static final String WAIT_PROPERTY = "recommender.serving.wait-millis";
    static final long DEFAULT_WAIT_MILLIS = 5_000;

    private final Semaphore permits;
    private final long waitMillis;

    public ServingGate() {
        this(permits(Settings.value(PROPERTY)), waitMillis(Settings.value(WAIT_PROPERTY)));
    }

    ServingGate(int permits, long waitMillis) {
        this.permits = new Semaphore(permits, true);
        this.waitMillis = waitMillis;
    }

    static long waitMillis(String configured) {
        if (configured != null && configured.strip().matches("[0-9]{1,7}")) {
            return Long.parseLong(configured.strip());
        }
        return DEFAULT_WAIT_MILLIS;
    }

    static int permits(String configured) {
        if (configured != null && configured.strip().matches("[1-9][0-9]{0,3}")) {
            return Integer.parseInt(configured.strip());
        }
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    public <T> T through(Supplier<T> answer) {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new OverloadedException("every recommendation slot stayed busy for " + waitMillis + " ms; retry shortly", 1);
        }
        try {
            return answer.get();
        } finally {
            permits.release();
        }
    }
}
