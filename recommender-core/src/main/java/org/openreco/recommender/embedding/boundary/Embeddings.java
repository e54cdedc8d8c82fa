package org.openreco.recommender.embedding.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.embedding.control.BatchLog;
import org.openreco.recommender.embedding.control.EmbeddingQueue;
import org.openreco.recommender.embedding.control.Generation;
import org.openreco.recommender.embedding.control.Generations;
import org.openreco.recommender.embedding.control.Pauses;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.NotFoundException;

/**
 * A catalogue's embeddings for operators: their status (generations, queue, batch figures), a full
 * re-embedding into a new generation while the current one serves, cancelling it, and the marks that
 * failed too often. The vectors themselves are written by the scheduled batches
 * ({@link ReembeddingScheduler}).
 */
@Stateless
public class Embeddings {

    /** The window of {@link EmbeddingStatus#lastMinutes()}. */
    public static final int SUMMARY_SECONDS = 300;
    public static final int RECENT_BATCHES = 60;
    public static final int MAX_PAGE_SIZE = 500;

    @Inject
    Catalogues catalogues;

    @Inject
    Instance<TextEncoder> encoders;

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    public EmbeddingStatus status(String catalogue) {
        long id = catalogues.get(catalogue).getId();
        String model = catalogues.settings(catalogue).embeddingModel();
        return withConnection(connection -> {
            var generations = new Generations(connection).live(id);
            var queue = new EmbeddingQueue(connection);
            var log = new BatchLog(connection);
            var summary = log.summary(id, SUMMARY_SECONDS);
            return new EmbeddingStatus(catalogue, model,
                    generations.stream().filter(Generation::isActive).findFirst().map(Embeddings::info).orElse(null),
                    generations.stream().filter(Generation::isBuilding).findFirst().map(Embeddings::info).orElse(null),
                    queue.depth(id), queue.parkedCount(id), queue.oldestDueSeconds(id), encoders.isResolvable(),
                    new BatchSummary(SUMMARY_SECONDS, summary.batches(), summary.marks(), summary.encoded(),
                            summary.docsPerSecond(), summary.lagP50Ms(), summary.lagP95Ms(), summary.meanDurationMs()),
                    log.recent(id, RECENT_BATCHES).stream().map(e -> new BatchStats(e.finishedAt(), e.items(), e.users(),
                            e.encoded(), e.failed(), e.durationMs(), e.lagP50Ms(), e.lagP95Ms())).toList(),
                    new Pauses(connection).pausedSince(id).orElse(null));
        });
    }

    /** The catalogue's generations, newest first (at most 50). */
    public List<GenerationInfo> generations(String catalogue) {
        long id = catalogues.get(catalogue).getId();
        return withConnection(connection -> new Generations(connection).history(id, 50).stream().map(Embeddings::info).toList());
    }

    /**
     * Re-embeds everything with the catalogue's model into a new building generation; the active one
     * serves until the build completes and replaces it. A build already running is cancelled.
     */
    public GenerationInfo reembedAll(String catalogue) {
        long id = catalogues.get(catalogue).getId();
        var model = modelOf(catalogue);
        return withConnection(connection -> {
            var generations = new Generations(connection);
            generations.liveOrFirst(id, model);
            return info(generations.startBuild(id, model));
        });
    }

    /** Cancels the catalogue's build; the active generation keeps serving. Returns the cancelled generation. */
    public GenerationInfo cancelBuild(String catalogue) {
        long id = catalogues.get(catalogue).getId();
        return withConnection(connection -> {
            var generations = new Generations(connection);
            var building = generations.building(id)
                    .orElseThrow(() -> new NotFoundException("catalogue '" + catalogue + "' has no build running"));
            generations.cancelBuild(id);
            return info(generations.history(id, 50).stream().filter(g -> g.id() == building.id()).findFirst().orElse(building));
        });
    }

    /**
     * Pauses the catalogue's re-embedding: the batches leave it alone (a build too) while its queue marks
     * keep accumulating; {@link #resume} lets the next batches drain them. Returns since when it is paused.
     */
    public Instant pause(String catalogue) {
        long id = catalogues.get(catalogue).getId();
        return withConnection(connection -> new Pauses(connection).pause(id));
    }

    /** Resumes the catalogue's re-embedding; false when it was not paused. */
    public boolean resume(String catalogue) {
        long id = catalogues.get(catalogue).getId();
        return withConnection(connection -> new Pauses(connection).resume(id));
    }

    /** Parked marks, oldest first; page from 0. */
    public List<ParkedMark> parked(String catalogue, int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        long id = catalogues.get(catalogue).getId();
        return withConnection(connection -> new EmbeddingQueue(connection).parked(id, page * size, size).stream()
                .map(p -> new ParkedMark(p.id(), p.kind(), p.entityId(), p.externalId(), p.enqueuedAt(), p.attempts(),
                        p.lastError()))
                .toList());
    }

    /** Gives every parked mark of the catalogue a fresh start; returns how many. */
    public int retryParked(String catalogue) {
        long id = catalogues.get(catalogue).getId();
        return withConnection(connection -> new EmbeddingQueue(connection).retryParked(id));
    }

    private EmbeddingModel modelOf(String catalogue) {
        String name = catalogues.settings(catalogue).embeddingModel();
        return EmbeddingModel.named(name).orElseThrow(() -> new InvalidInputException("embeddingModel",
                "'" + name + "' in the catalogue's settings is not a model the platform runs; change the settings first"));
    }

    static GenerationInfo info(Generation g) {
        String phase = !g.isBuilding() ? g.status() : g.itemsFinishedAt() == null ? "items" : "users";
        return new GenerationInfo(g.id(), g.model().modelName(), g.status(), phase, g.itemsTotal(), g.itemsDone(),
                g.usersTotal(), g.usersDone(), g.createdAt(), g.activatedAt(), g.finishedAt());
    }

    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(SqlWork<T> work) {
        try (var connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the embeddings failed", e);
        }
    }
}
