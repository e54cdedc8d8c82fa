package org.openreco.recommender.embedding.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The pipeline's figures as Micrometer meters, tagged by catalogue, scraped from the server's Prometheus
 * endpoint (management interface, {@code /prometheus}): queue depth and parked marks (read from the
 * database at scrape time, so every node reports the shared queue), batch size and duration, texts
 * encoded (docs/s is its rate), failed marks, and the event-to-vector lag with its p50/p95. Without a
 * registry (no micrometer subsystem) recording is a no-op; the console reads the same figures from
 * the batch log instead.
 */
@ApplicationScoped
public class PipelineMeters {

    @Inject
    Instance<MeterRegistry> registries;

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    private final Map<String, Boolean> gauged = new ConcurrentHashMap<>();

    public void record(String catalogue, ReembeddingBatch.Report report) {
        if (!registries.isResolvable()) {
            return;
        }
        MeterRegistry registry = registries.get();
        gauges(registry, catalogue);
        if (report.claimed() == 0 && report.failed() == 0) {
            return;
        }
        DistributionSummary.builder("recommender.embedding.batch.size").baseUnit("marks")
                .description("marks claimed per re-embedding batch").tag("catalogue", catalogue)
                .register(registry).record(report.claimed());
        Timer.builder("recommender.embedding.batch.duration").description("re-embedding batch duration")
                .tag("catalogue", catalogue).register(registry).record(report.durationMs(), TimeUnit.MILLISECONDS);
        Counter.builder("recommender.embedding.encoded").baseUnit("docs").description("texts sent to the model")
                .tag("catalogue", catalogue).register(registry).increment(report.encoded());
        Counter.builder("recommender.embedding.failed").description("marks whose re-embedding failed")
                .tag("catalogue", catalogue).register(registry).increment(report.failed());
        Timer lag = Timer.builder("recommender.embedding.lag")
                .description("event-to-vector lag: vector written minus the mark's enqueue time")
                .tag("catalogue", catalogue).publishPercentiles(0.5, 0.95)
                .distributionStatisticExpiry(Duration.ofMinutes(5)).register(registry);
        for (int ms : report.lagsMs()) {
            lag.record(ms, TimeUnit.MILLISECONDS);
        }
    }

    private void gauges(MeterRegistry registry, String catalogue) {
        if (gauged.putIfAbsent(catalogue, Boolean.TRUE) != null) {
            return;
        }
        Gauge.builder("recommender.embedding.queue.depth", () -> count(catalogue, false))
                .description("marks waiting in the re-embedding queue").tag("catalogue", catalogue).register(registry);
        Gauge.builder("recommender.embedding.queue.parked", () -> count(catalogue, true))
                .description("marks parked after failing too often").tag("catalogue", catalogue).register(registry);
    }

    private double count(String catalogue, boolean parked) {
        try (var connection = dataSource.getConnection();
             var select = connection.prepareStatement("""
                     select count(*) from embedding_queue q join catalogue c on c.id = q.catalogue_id
                      where c.name = ? and q.parked = ?""")) {
            select.setString(1, catalogue);
            select.setBoolean(2, parked);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
