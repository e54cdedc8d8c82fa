package org.openreco.recommender.training.control;

import java.sql.Connection;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;
import org.openreco.recommender.catalog.control.SettingsJson;
import java.sql.SQLException;
import java.util.Optional;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.control.Generation;
import org.openreco.recommender.embedding.control.Generations;
import org.openreco.recommender.embedding.control.VectorSql;
import org.openreco.recommender.evaluation.control.InteractionLog;

/**
 * Reads what a training learns from out of PostgreSQL, streaming (the driver fetches {@link #FETCH_SIZE}
 * rows at a time, so memory holds the primitive columns, not the result set). Needs a connection with
 * auto-commit off (a transaction): only then does the PostgreSQL driver honour the fetch size.
 */
public final class CatalogueInteractions {

    static final int FETCH_SIZE = 10_000;

    /**
     * The positives of a catalogue, one row per (user, item), ids as decimal strings.
     *
     * @param throughId    the newest interaction id read: user factors are folded through it
     * @param events       interactions read (before summing per pair)
     * @param itemVectors  per item index the vector of the active embedding generation, null where
     *                     missing; null altogether when the catalogue has no vectors
     * @param negatives    the (user, item) pairs whose events sum to ≤ 0: not positives, but seen (never
     *                     recommended) and counted by trending and the taste vector as serving counts them
     * @param halfLifeDays the catalogue's taste half-life
     */
    public record Data(InteractionLog log, long throughId, long events, float[][] itemVectors, Feedback negatives,
            double halfLifeDays) {

        public long userId(int user) {
            return Long.parseLong(log.userIds().id(user));
        }

        public long itemId(int item) {
            return Long.parseLong(log.itemIds().id(item));
        }
    }

    /** Pairs of a log's user and item indices with their summed weight and latest time, as columns. */
    public record Feedback(int[] users, int[] items, float[] weights, long[] times, int size) {
    }

    private final Connection connection;

    public CatalogueInteractions(Connection connection) {
        this.connection = connection;
    }

    public Data read(long catalogueId) throws SQLException {
        long throughId = 0, events = 0;
        try (var newest = connection.prepareStatement(
                "select coalesce(max(id), 0), count(*) from interaction where catalogue_id = ?")) {
            newest.setLong(1, catalogueId);
            try (var rows = newest.executeQuery()) {
                rows.next();
                throughId = rows.getLong(1);
                events = rows.getLong(2);
            }
        }
        InteractionLog log = new InteractionLog();
        // every item of the catalogue in ascending id, as serving indexes them: equal indices, equal tie-breaks
        try (var select = connection.prepareStatement("select id from item where catalogue_id = ? order by id")) {
            select.setFetchSize(FETCH_SIZE);
            select.setLong(1, catalogueId);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    log.addItem(Long.toString(rows.getLong(1)));
                }
            }
        }
        int[] users = new int[1024], items = new int[1024];
        float[] weights = new float[1024];
        long[] times = new long[1024];
        int negatives = 0;
        // An implicit model learns preferences: the events of a (user, item) pair are summed with their
        // weights (interaction.weight, negative for a dislike or a low rating) and a pair with a positive
        // sum is a positive whose sum is its confidence weight; a pair summing to ≤ 0 is left unobserved.
        // Pairs in order of their first event, so that equal data gives equal indices and splits.
        try (var select = connection.prepareStatement("""
                select user_id, item_id, sum(weight), extract(epoch from max(occurred_at))::bigint
                  from interaction where catalogue_id = ? and id <= ?
                 group by user_id, item_id
                 order by min(id)""")) {
            select.setFetchSize(FETCH_SIZE);
            select.setLong(1, catalogueId);
            select.setLong(2, throughId);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    String user = Long.toString(rows.getLong(1)), item = Long.toString(rows.getLong(2));
                    double weight = rows.getDouble(3);
                    if (weight > 0) {
                        log.add(user, item, weight, rows.getLong(4));
                        continue;
                    }
                    if (negatives == users.length) {
                        users = java.util.Arrays.copyOf(users, negatives * 2);
                        items = java.util.Arrays.copyOf(items, negatives * 2);
                        weights = java.util.Arrays.copyOf(weights, negatives * 2);
                        times = java.util.Arrays.copyOf(times, negatives * 2);
                    }
                    users[negatives] = log.userIds().add(user);
                    items[negatives] = log.addItem(item);
                    weights[negatives] = (float) weight;
                    times[negatives++] = rows.getLong(4);
                }
            }
        }
        var feedback = new Feedback(users, items, weights, times, negatives);
        return new Data(log, throughId, events, itemVectors(catalogueId, log), feedback, halfLifeDays(catalogueId));
    }

    private double halfLifeDays(long catalogueId) throws SQLException {
        try (var select = connection.prepareStatement("select settings::text from catalogue where id = ?")) {
            select.setLong(1, catalogueId);
            try (var rows = select.executeQuery()) {
                return rows.next() ? SettingsJson.read(rows.getString(1)).halfLifeDays() : CatalogueSettings.DEFAULT_USER_HALF_LIFE_DAYS;
            }
        }
    }

    /** The active embedding generation's vectors of the log's items, or null when there is none. */
    private float[][] itemVectors(long catalogueId, InteractionLog log) throws SQLException {
        Optional<Generation> active = new Generations(connection).active(catalogueId);
        if (active.isEmpty() || log.itemCount() == 0) {
            return null;
        }
        EmbeddingModel model = active.get().model();
        float[][] vectors = new float[log.itemCount()][];
        int found = 0;
        try (var select = connection.prepareStatement("select item_id, " + VectorSql.column("embedding") + " from "
                + model.itemTable() + " where generation_id = ?")) {
            select.setFetchSize(FETCH_SIZE);
            select.setLong(1, active.get().id());
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    int item = log.itemIds().indexOf(Long.toString(rows.getLong(1)));
                    if (item >= 0) {
                        vectors[item] = VectorSql.read(rows, 2);
                        found++;
                    }
                }
            }
        }
        return found == 0 ? null : vectors;
    }
}
