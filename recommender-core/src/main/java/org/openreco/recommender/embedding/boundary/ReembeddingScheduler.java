package org.openreco.recommender.embedding.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.embedding.control.GenerationBuild;
import org.openreco.recommender.embedding.control.Pauses;
import org.openreco.recommender.embedding.control.PipelineMeters;
import org.openreco.recommender.embedding.control.ReembeddingBatch;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.platform.boundary.CatalogueChanged;
import org.openreco.recommender.platform.boundary.UsersChanged;

/**
 * Drains the re-embedding queue in quasi-real time. A non-persistent timer fires every second and only
 * starts work: when no drain is running, one is handed to the managed executor (so a long drain never
 * overlaps itself nor makes the timer skip with a warning). A drain visits each catalogue whose
 * re-embedding interval has elapsed, follows a model change in its settings by starting a build, runs
 * batches round robin over the due catalogues while they find work (marks arriving meanwhile do not
 * wait for the next tick, and a large import does not starve the other catalogues), then advances each
 * catalogue's build for a while, a queue batch between build chunks so fresh events are not kept waiting. Several nodes can run this side by side:
 * marks are claimed with SKIP LOCKED and a build chunk skips a build another node holds.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ReembeddingScheduler {

    private static final Logger LOG = Logger.getLogger(ReembeddingScheduler.class.getName());
    /** A drain returns after this long so that a new tick re-reads catalogues and settings. */
    static final long DRAIN_BUDGET_NANOS = 10_000_000_000L;
    /** Build chunks per catalogue and drain, at most this long. */
    static final long BUILD_BUDGET_NANOS = 2_000_000_000L;
    static final long HOUSEKEEPING_NANOS = 60_000_000_000L;

    @Inject
    Catalogues catalogues;

    @Inject
    Transactions transactions;

    @Inject
    Instance<TextEncoder> encoders;

    @Inject
    PipelineMeters meters;

    @Inject
    Event<UsersChanged> usersChanged;

    @Inject
    Event<CatalogueChanged> catalogueChanged;

    @Resource
    ManagedExecutorService executor;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final Map<Long, Long> lastVisit = new ConcurrentHashMap<>();
    private final Map<Long, String> lastProblem = new ConcurrentHashMap<>();
    private final BatchSizes sizes = new BatchSizes();
    private volatile boolean stopping;
    private volatile long lastHousekeeping = System.nanoTime();

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "re-embedding batches")
    void tick() {
        if (stopping || !encoders.isResolvable() || !draining.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            draining.set(false);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    void drain() {
        try {
            var encoder = encoders.get();
            var batch = new ReembeddingBatch(transactions, encoder,
                    (catalogueId, users) -> usersChanged.fire(new UsersChanged(catalogueId, users)));
            var build = new GenerationBuild(transactions, encoder);
            long started = System.nanoTime();
            List<Visit> due = drainQueues(batch, build, started);
            // builds get their own time after the queues, whatever those took: a busy queue elsewhere
            // (a large import) must not keep a model switch from progressing
            for (var visit : due) {
                if (stopping) {
                    break;
                }
                try {
                    advanceBuild(visit, batch, build);
                    lastProblem.remove(visit.id());
                } catch (RuntimeException e) {
                    report(visit.id(), visit.name(), e);
                }
            }
            if (System.nanoTime() - lastHousekeeping > HOUSEKEEPING_NANOS) {
                lastHousekeeping = System.nanoTime();
                housekeeping();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "re-embedding drain failed: {0}", e.toString());
        } finally {
            draining.set(false);
        }
    }

    /** A catalogue whose interval has elapsed, with what its batches need; null when it is not due yet. */
    private Visit due(long id, String name, GenerationBuild build) {
        CatalogueSettings settings = catalogues.settings(name);
        long now = System.nanoTime();
        Long last = lastVisit.get(id);
        if (last != null && now - last < settings.reembedIntervalSeconds() * 1_000_000_000L - 100_000_000L) {
            return null;
        }
        lastVisit.put(id, now);
        var model = EmbeddingModel.named(settings.embeddingModel()).orElse(EmbeddingModel.MINILM);
        build.followSettings(id, model);
        return new Visit(id, name, model, settings.halfLifeDays());
    }

    /**
     * Round robin: one batch per catalogue per round, rounds while any catalogue still finds marks. Each
     * round lists the catalogues again, so a large import neither keeps the others' fresh events waiting
     * nor hides a catalogue created meanwhile until the drain ends. Returns the catalogues visited.
     */
    private List<Visit> drainQueues(ReembeddingBatch batch, GenerationBuild build, long drainStarted) {
        Map<Long, Visit> visited = new LinkedHashMap<>();
        Set<Long> busy = new HashSet<>();
        boolean firstRound = true;
        while ((firstRound || !busy.isEmpty()) && !stopping && System.nanoTime() - drainStarted < DRAIN_BUDGET_NANOS) {
            firstRound = false;
            Set<Long> paused = pausedCatalogues();
            List<Visit> round = new ArrayList<>();
            for (var catalogue : catalogues.list()) {
                if (paused.contains(catalogue.getId())) {
                    continue; // paused by an operator: its marks wait, nothing is lost
                }
                try {
                    // a catalogue that found work last round stays in; the others when their interval is up
                    var visit = busy.contains(catalogue.getId()) ? visited.get(catalogue.getId())
                            : due(catalogue.getId(), catalogue.getName(), build);
                    if (visit != null) {
                        round.add(visit);
                        visited.put(visit.id(), visit);
                    }
                } catch (RuntimeException e) {
                    report(catalogue.getId(), catalogue.getName(), e);
                }
            }
            busy.clear();
            for (var visit : round) {
                if (stopping) {
                    break;
                }
                try {
                    // the settings as they are now (cached): a model changed during a long drain is followed at once
                    for (var report : batches(batch, visit.id(), modelOf(visit.name()), visit.halfLife())) {
                        meters.record(visit.name(), report);
                        if (report.claimed() > 0) {
                            busy.add(visit.id());
                        }
                    }
                } catch (RuntimeException e) {
                    report(visit.id(), visit.name(), e);
                }
            }
        }
        Set<Long> paused = pausedCatalogues();
        return visited.values().stream().filter(visit -> !paused.contains(visit.id())).toList();
    }

    /**
     * One batch of the catalogue, or two side by side when its last batch found a full one waiting (a
     * deep queue) and was quick (waiting on PostgreSQL rather than encoding): SKIP LOCKED gives each
     * its own marks, and while one waits for the database the other folds. The second runs on the
     * managed executor; if it has not started by the time this thread's batch is done, it is called
     * off (no wait on a busy pool). The size of the next batches follows {@link BatchSizes}.
     */
    private List<ReembeddingBatch.Report> batches(ReembeddingBatch batch, long catalogueId, EmbeddingModel model,
            double halfLife) {
        int size = sizes.next(catalogueId);
        Callable<ReembeddingBatch.Report> one = () -> batch.run(catalogueId, model, halfLife, size);
        Future<ReembeddingBatch.Report> second = null;
        if (sizes.sideBySide(catalogueId)) {
            try {
                second = executor.submit(one);
            } catch (RejectedExecutionException e) {
                // the pool is full: one batch at a time
            }
        }
        List<ReembeddingBatch.Report> reports = new ArrayList<>();
        RuntimeException failure = null;
        try {
            reports.add(one.call());
        } catch (RuntimeException e) {
            failure = e;
        } catch (Exception e) {
            failure = new IllegalStateException(e);
        }
        if (second != null && (second.cancel(false) || second.isCancelled())) {
            second = null;
        }
        if (second != null) {
            try {
                reports.add(second.get());
            } catch (ExecutionException e) {
                failure = failure != null ? failure
                        : e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            sizes.reset(catalogueId);
            throw failure;
        }
        sizes.done(catalogueId, size, reports);
        return reports;
    }

    private Set<Long> pausedCatalogues() {
        return transactions.inNew(connection -> new Pauses(connection).all());
    }

    private EmbeddingModel modelOf(String catalogue) {
        return EmbeddingModel.named(catalogues.settings(catalogue).embeddingModel()).orElse(EmbeddingModel.MINILM);
    }

    private void advanceBuild(Visit visit, ReembeddingBatch batch, GenerationBuild build) {
        long buildStarted = System.nanoTime();
        while (!stopping && System.nanoTime() - buildStarted < BUILD_BUDGET_NANOS) {
            var step = build.step(visit.id(), visit.halfLife());
            if (step == GenerationBuild.Step.NONE || step == GenerationBuild.Step.BUSY) {
                break;
            }
            if (step == GenerationBuild.Step.ACTIVATED) {
                catalogueChanged.fire(new CatalogueChanged(visit.id(), "embedding generation switched"));
                LOG.log(Level.INFO, "catalogue {0}: the new {1} generation is active",
                        new Object[] {visit.name(), visit.model().modelName()});
                break;
            }
            // a queue batch between build chunks, so fresh events are not kept waiting by a build
            meters.record(visit.name(), batch.run(visit.id(), visit.model(), visit.halfLife(), ReembeddingBatch.DEFAULT_SIZE));
        }
    }

    private record Visit(long id, String name, EmbeddingModel model, double halfLife) {
    }

    private void housekeeping() {
        try {
            transactions.inNew(connection -> {
                new org.openreco.recommender.embedding.control.Generations(connection).purgeStale(20_000);
                new org.openreco.recommender.embedding.control.BatchLog(connection).prune();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "re-embedding housekeeping failed: {0}", e.toString());
        }
    }

    /** Logs a catalogue's failure once until it changes: a database outage must not flood the log every second. */
    private void report(long id, String name, RuntimeException e) {
        String problem = e.toString();
        if (!problem.equals(lastProblem.put(id, problem))) {
            LOG.log(Level.WARNING, "re-embedding catalogue " + name + " failed (retried every interval)", e);
        }
    }
}
