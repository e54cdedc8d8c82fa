package org.openreco.recommender.recommendations.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Lets only a few answers search PostgreSQL at a time; the others wait here, in the JVM. Under a burst,
 * 20 backends each running an HNSW search on 2 cores spent their time switching and contending: with 4
 * at a time the same machine served 25 % more recommendations per second at a 40 % lower p99
 * (BENCHMARKS.md). Default: twice the server's cores, for a database on the same machine; set
 * {@value #PROPERTY} (system property) where the database has cores of its own.
 */
@ApplicationScoped
public class ServingGate {

    static final String PROPERTY = "recommender.serving.concurrency";

    private final Semaphore permits = new Semaphore(permits(System.getProperty(PROPERTY)), true);

    static int permits(String configured) {
        if (configured != null && configured.strip().matches("[1-9][0-9]{0,3}")) {
            return Integer.parseInt(configured.strip());
        }
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    public <T> T through(Supplier<T> answer) {
        permits.acquireUninterruptibly();
        try {
            return answer.get();
        } finally {
            permits.release();
        }
    }
}
