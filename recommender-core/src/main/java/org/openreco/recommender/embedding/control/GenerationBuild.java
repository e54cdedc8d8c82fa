package org.openreco.recommender.embedding.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.boundary.TextEncoder;

/**
 * Fills a building generation while the active one keeps serving: all items in id order, then all
 * users (each folded from their whole history once), a chunk per transaction, then activation (retire
 * the old, activate the new) in the last chunk's transaction. The building row is locked with
 * {@code SKIP LOCKED} for each chunk, so only one node builds a catalogue at a time and the others pass.
 * Changes that arrive meanwhile reach the building generation through the queue, which writes items to
 * every live generation and users to those past their item phase.
 */
public final class GenerationBuild {

    public static final int CHUNK = 256;

    public enum Step {
        /** No build runs. */
        NONE,
        /** Another node holds the build. */
        BUSY,
        ITEMS,
        USERS,
        ACTIVATED
    }

    private final Transactions transactions;
    private final TextEncoder encoder;

    public GenerationBuild(Transactions transactions, TextEncoder encoder) {
        this.transactions = transactions;
        this.encoder = encoder;
    }

    /**
     * Starts a build when the catalogue's settings name another model than the one it serves (or is
     * building); creates the first, active generation of a catalogue that has none. Returns the
     * build started, if any.
     */
    public Optional<Generation> followSettings(long catalogueId, EmbeddingModel model) {
        return transactions.inNew(connection -> {
            var generations = new Generations(connection);
            try (var lock = connection.prepareStatement(
                    "select id from embedding_generation where catalogue_id = ? and status = 'active' for update")) {
                lock.setLong(1, catalogueId);
                lock.executeQuery().close();
            }
            var live = generations.liveOrFirst(catalogueId, model);
            var active = live.stream().filter(Generation::isActive).findFirst();
            var building = live.stream().filter(Generation::isBuilding).findFirst();
            if (building.isPresent() && building.get().model() != model && active.isPresent() && active.get().model() == model) {
                generations.cancelBuild(catalogueId); // switched back before the build finished
                return Optional.<Generation>empty();
            }
            var target = building.or(() -> active);
            if (target.isEmpty() || target.get().model() == model) {
                return Optional.<Generation>empty();
            }
            return Optional.of(generations.startBuild(catalogueId, model));
        });
    }

    /** One chunk of the catalogue's build. */
    public Step step(long catalogueId, double halfLifeDays) {
        return transactions.inNew(connection -> {
            var generations = new Generations(connection);
            Optional<Generation> locked = lockBuildingSkipLocked(connection, generations, catalogueId);
            if (locked.isEmpty()) {
                return generations.building(catalogueId).isPresent() ? Step.BUSY : Step.NONE;
            }
            Generation building = locked.get();
            if (building.itemsFinishedAt() == null) {
                List<Long> ids = next(connection, "item", catalogueId, building.itemCursor());
                if (ids.isEmpty()) {
                    generations.finishItems(building.id());
                    return Step.ITEMS;
                }
                var result = new ItemVectors(connection, encoder).embed(ids, List.of(building));
                var queue = new EmbeddingQueue(connection);
                for (long busy : result.busy()) {
                    queue.remark(catalogueId, "item", busy, java.time.Instant.now(), ReembeddingBatch.LATER_SECONDS);
                }
                generations.advanceItems(building.id(), ids.getLast(), ids.size());
                return Step.ITEMS;
            }
            List<Long> ids = next(connection, "app_user", catalogueId, building.userCursor());
            if (ids.isEmpty()) {
                generations.activate(building);
                return Step.ACTIVATED;
            }
            var result = new UserVectors(connection, encoder).fold(ids, List.of(building), halfLifeDays);
            var queue = new EmbeddingQueue(connection);
            for (long later : result.later()) {
                queue.remark(catalogueId, "user", later, java.time.Instant.now(), ReembeddingBatch.LATER_SECONDS);
            }
            generations.advanceUsers(building.id(), ids.getLast(), ids.size());
            return Step.USERS;
        });
    }

    private static Optional<Generation> lockBuildingSkipLocked(Connection connection, Generations generations,
            long catalogueId) throws SQLException {
        try (var lock = connection.prepareStatement("""
                select id from embedding_generation where catalogue_id = ? and status = 'building'
                for update skip locked""")) {
            lock.setLong(1, catalogueId);
            try (var rows = lock.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
            }
        }
        return generations.building(catalogueId);
    }

    private static List<Long> next(Connection connection, String table, long catalogueId, long after) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (var select = connection.prepareStatement("select id from " + table
                + " where catalogue_id = ? and id > ? order by id limit " + CHUNK)) {
            select.setLong(1, catalogueId);
            select.setLong(2, after);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }
}
