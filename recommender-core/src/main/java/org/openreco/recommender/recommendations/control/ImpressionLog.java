package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Writes what an answer showed: one row per item with its position, source and score, under the
 * answer's request id. One statement for the whole list, in the request's own transaction: it commits
 * with the answer or the answer fails, so no impression is lost without the caller knowing.
 */
public final class ImpressionLog {

    private ImpressionLog() {
    }

    public static void write(Connection connection, long catalogueId, UUID requestId, Long userId, List<Candidate> shown)
            throws SQLException {
        if (shown.isEmpty()) {
            return;
        }
        var items = new Long[shown.size()];
        var sources = new String[shown.size()];
        var scores = new Double[shown.size()];
        for (int i = 0; i < shown.size(); i++) {
            items[i] = shown.get(i).id();
            sources[i] = shown.get(i).source().label();
            scores[i] = shown.get(i).score();
        }
        try (var ps = connection.prepareStatement("""
                insert into impression (catalogue_id, request_id, user_id, item_id, position, source, score)
                select ?, ?, ?, s.item, s.position - 1, s.source, s.score
                  from unnest(?, ?, ?) with ordinality as s(item, source, score, position)""")) {
            ps.setLong(1, catalogueId);
            ps.setObject(2, requestId);
            ps.setObject(3, userId, java.sql.Types.BIGINT);
            ps.setArray(4, connection.createArrayOf("bigint", items));
            ps.setArray(5, connection.createArrayOf("text", sources));
            ps.setArray(6, connection.createArrayOf("float8", scores));
            ps.executeUpdate();
        }
    }
}
