package org.openreco.recommender.embedding.control;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The pipeline's figures as Micrometer meters tagged by catalogue, scraped from the server's Prometheus
 * endpoint (management interface, {@code /prometheus}): queue depth and parked marks (read from the
 * database at scrape time, so every node reports the shared queue), batch size and duration, texts
 * encoded (docs/s is its rate), failed marks, and the event-to-vector lag: a timer, and its p50/p95
 * over the last five minutes as gauges.
 *
 * <p>Only the registry's plain methods ({@code counter}, {@code timer}, {@code summary}, {@code gauge})
 * are used: WildFly 39 hands deployments a per-deployment wrapper whose builder registrations do not
 * reach the exported registry (WFLY-21061). Without a registry (no micrometer subsystem) recording is
 * a no-op; the console reads the same figures from the batch log.
 */
@ApplicationScoped
public class PipelineMeters {

    static final long WINDOW_MILLIS = 300_000;

    @Inject
    Instance<MeterRegistry> registries;

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    private final Map<String, LagWindow> lags = new ConcurrentHashMap<>();

    public void record(String catalogue, ReembeddingBatch.Report report) {
        if (!registries.isResolvable()) {
            return;
        }
        MeterRegistry registry = registries.get();
        Tags tags = Tags.of("catalogue", catalogue);
        LagWindow window = lags.computeIfAbsent(catalogue, c -> register(registry, c, tags));
        if (report.claimed() == 0 && report.failed() == 0) {
            return;
        }
        registry.summary("recommender.embedding.batch.size", tags).record(report.claimed());
        registry.timer("recommender.embedding.batch.duration", tags).record(report.durationMs(), TimeUnit.MILLISECONDS);
        registry.counter("recommender.embedding.encoded", tags).increment(report.encoded());
        registry.counter("recommender.embedding.failed", tags).increment(report.failed());
        var lag = registry.timer("recommender.embedding.lag", tags);
        long now = System.currentTimeMillis();
        for (int ms : report.lagsMs()) {
            lag.record(ms, TimeUnit.MILLISECONDS);
            window.add(now, ms);
        }
    }

    private LagWindow register(MeterRegistry registry, String catalogue, Tags tags) {
        var window = new LagWindow(WINDOW_MILLIS);
        registry.gauge("recommender.embedding.queue.depth", tags, catalogue, c -> count(c, false));
        registry.gauge("recommender.embedding.queue.parked", tags, catalogue, c -> count(c, true));
        registry.gauge("recommender.embedding.lag.p50.seconds", tags, window, w -> w.percentile(0.50) / 1000.0);
        registry.gauge("recommender.embedding.lag.p95.seconds", tags, window, w -> w.percentile(0.95) / 1000.0);
        return window;
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
