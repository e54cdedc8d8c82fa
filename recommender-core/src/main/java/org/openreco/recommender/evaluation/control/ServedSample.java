package org.openreco.recommender.evaluation.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.openreco.recommender.embedding.control.Generations;
import org.openreco.recommender.embedding.control.VectorSql;
import org.openreco.recommender.ranking.BlendWeights;
import org.openreco.recommender.training.control.AlsModel;
import org.openreco.recommender.training.control.CatalogueInteractions;
import org.openreco.recommender.training.control.ItemNeighbours;

/**
 * The evaluator's lists for a few users, ranked the moment a model is trained: the {@link SplitRanking}
 * of all the catalogue's data with the new model, the users' taste vectors as the platform holds them.
 * Stored with the model version, they say what the storefront API must answer for those users while
 * nothing changes: the same items in the same order.
 */
public final class ServedSample {

    /** How many users' lists are kept. */
    public static final int USERS = 20;
    /** How long each list is. */
    public static final int N = 10;

    private ServedSample() {
    }

    /**
     * @param itemWeights the item × item models by source, as stored
     * @param blend the stored blend as serving reads it
     */
    public static JsonArray lists(Connection connection, long catalogueId, CatalogueInteractions.Data data, AlsModel model,
            ItemNeighbours neighbours, Map<org.openreco.recommender.recommendations.entity.Source, ItemNeighbours> itemWeights,
            BlendWeights blend) throws SQLException {
        var log = data.log();
        int[] rows = log.allRows();
        var split = new Split(log, rows, new int[0]);
        var train = log.matrix(rows);
        var tastes = tastes(connection, catalogueId, data);
        var ranking = SplitRanking.of(split, rows, train, model, neighbours, data.itemVectors(), data.negatives(),
                data.halfLifeDays(), blend).withItemWeights(itemWeights).withTastes(u -> tastes.get(data.userId(u)));
        int step = Math.max(1, log.userCount() / USERS);
        var users = new HashMap<Integer, int[]>();
        for (int u = 0; u < log.userCount() && users.size() < USERS; u += step) {
            if (train.rowLength(u) > 0) {
                users.put(u, ranking.rank(u, N));
            }
        }
        var externalUsers = external(connection, "app_user", users.keySet().stream().map(data::userId).toList());
        var externalItems = external(connection, "item", users.values().stream().flatMapToInt(java.util.Arrays::stream)
                .mapToObj(data::itemId).distinct().toList());
        JsonArrayBuilder lists = Json.createArrayBuilder();
        users.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            JsonArrayBuilder items = Json.createArrayBuilder();
            for (int item : entry.getValue()) {
                items.add(externalItems.get(data.itemId(item)));
            }
            lists.add(Json.createObjectBuilder().add("user", externalUsers.get(data.userId(entry.getKey()))).add("items", items));
        });
        return lists.build();
    }

    /** The users' stored taste vectors in the active generation (none without one). */
    private static Map<Long, float[]> tastes(Connection connection, long catalogueId, CatalogueInteractions.Data data)
            throws SQLException {
        var tastes = new HashMap<Long, float[]>();
        var active = new Generations(connection).active(catalogueId);
        if (active.isEmpty() || data.itemVectors() == null) {
            return tastes;
        }
        try (var ps = connection.prepareStatement("select user_id, " + VectorSql.column("embedding") + " from "
                + active.get().model().userTable() + " where generation_id = ?")) {
            ps.setLong(1, active.get().id());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    tastes.put(rs.getLong(1), VectorSql.read(rs, 2));
                }
            }
        }
        return tastes;
    }

    private static Map<Long, String> external(Connection connection, String table, java.util.List<Long> ids) throws SQLException {
        var external = new HashMap<Long, String>();
        try (var ps = connection.prepareStatement("select id, external_id from " + table + " where id = any(?)")) {
            ps.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    external.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return external;
    }
}
