package org.openreco.recommender.evaluation.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openreco.recommender.evaluation.boundary.AlgorithmResult;
import org.openreco.recommender.evaluation.boundary.EvaluationRun;
import org.openreco.recommender.evaluation.boundary.MetricsAtK;
import org.openreco.recommender.platform.boundary.ServerNode;

/** The SQL of evaluation runs (V001 + V050), in the JSON formats of the issue-6 contract. */
public final class EvaluationStore {

    private static final String SELECT = """
            select e.id, c.name, e.model_version_id, e.status, e.protocol, e.split::text, e.k, e.started_at,
                   e.finished_at, e.duration_ms, e.data::text, e.algorithms::text, e.metrics::text,
                   e.cold_start::text, e.error
              from evaluation_run e join catalogue c on c.id = e.catalogue_id
            """;

    private final Connection connection;

    public EvaluationStore(Connection connection) {
        this.connection = connection;
    }

    /** A running run; its protocol is the split's kind. */
    public long open(long catalogueId, Long modelVersionId, JsonObject split, List<Integer> k) throws SQLException {
        try (var insert = connection.prepareStatement("""
                insert into evaluation_run (catalogue_id, model_version_id, protocol, split, k, status, node)
                values (?, ?, ?, cast(? as jsonb), ?, 'running', ?) returning id""")) {
            insert.setLong(1, catalogueId);
            insert.setObject(2, modelVersionId);
            insert.setString(3, split.getString("kind", "random"));
            insert.setString(4, split.toString());
            insert.setArray(5, connection.createArrayOf("integer", k.toArray(Integer[]::new)));
            insert.setString(6, ServerNode.name());
            try (var rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public void finish(long id, JsonArray algorithms, JsonObject metrics, JsonObject data, JsonObject coldStart)
            throws SQLException {
        try (var update = connection.prepareStatement("""
                update evaluation_run set status = 'finished', algorithms = cast(? as jsonb), metrics = cast(? as jsonb),
                       data = cast(? as jsonb), cold_start = cast(? as jsonb), finished_at = clock_timestamp(),
                       duration_ms = (extract(epoch from clock_timestamp() - started_at) * 1000)::bigint
                 where id = ?""")) {
            update.setString(1, algorithms.toString());
            update.setString(2, metrics.toString());
            update.setString(3, data.toString());
            update.setString(4, coldStart == null ? null : coldStart.toString());
            update.setLong(5, id);
            update.executeUpdate();
        }
    }

    public void fail(long id, String error) throws SQLException {
        try (var update = connection.prepareStatement("""
                update evaluation_run set status = 'failed', error = ?, finished_at = clock_timestamp(),
                       duration_ms = (extract(epoch from clock_timestamp() - started_at) * 1000)::bigint
                 where id = ? and status = 'running'""")) {
            update.setString(1, error);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    /** Runs this node left running when it stopped; another node's run on (rows without a node: anyone's). */
    public int failInterrupted(String node, String error) throws SQLException {
        try (var update = connection.prepareStatement("""
                update evaluation_run set status = 'failed', error = ?, finished_at = greatest(started_at, clock_timestamp())
                 where status = 'running' and (node = ? or node is null)""")) {
            update.setString(1, error);
            update.setString(2, node);
            return update.executeUpdate();
        }
    }

    public Optional<EvaluationRun> find(long catalogueId, long id) throws SQLException {
        return select("where e.catalogue_id = ? and e.id = ?", catalogueId, id).stream().findFirst();
    }

    public List<EvaluationRun> list(long catalogueId, int limit) throws SQLException {
        return select("where e.catalogue_id = ? order by e.started_at desc, e.id desc limit " + Math.max(0, limit), catalogueId);
    }

    private List<EvaluationRun> select(String where, long... values) throws SQLException {
        List<EvaluationRun> runs = new ArrayList<>();
        try (var select = connection.prepareStatement(SELECT + where)) {
            for (int i = 0; i < values.length; i++) {
                select.setLong(i + 1, values[i]);
            }
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(read(rows));
                }
            }
        }
        return runs;
    }

    private static EvaluationRun read(ResultSet rows) throws SQLException {
        List<Integer> k = Arrays.stream((Integer[]) rows.getArray(7).getArray()).toList();
        JsonArray algorithms = json(rows.getString(12)).asJsonArray();
        JsonObject metrics = json(rows.getString(13)).asJsonObject();
        String coldStart = rows.getString(14);
        return new EvaluationRun(rows.getLong(1), rows.getString(2), (Long) rows.getObject(3), rows.getString(4),
                rows.getString(5), json(rows.getString(6)).asJsonObject(), k, instant(rows.getTimestamp(8)),
                instant(rows.getTimestamp(9)), (Long) rows.getObject(10), json(rows.getString(11)).asJsonObject(),
                results(algorithms, metrics, k), coldStart == null ? null : json(coldStart).asJsonObject(),
                rows.getString(15));
    }

    /** One result per algorithm named in the run, in that order, from its metrics entry. */
    static List<AlgorithmResult> results(JsonArray algorithms, JsonObject metrics, List<Integer> k) {
        List<AlgorithmResult> results = new ArrayList<>();
        for (JsonValue value : algorithms) {
            JsonObject algorithm = value.asJsonObject();
            String name = algorithm.getString("name");
            JsonObject m = metrics.getJsonObject(name);
            if (m == null) {
                continue;
            }
            JsonObject at = m.getJsonObject("at");
            List<MetricsAtK> atK = new ArrayList<>();
            for (int cutOff : k) {
                JsonObject v = at == null ? null : at.getJsonObject(Integer.toString(cutOff));
                if (v != null) {
                    atK.add(new MetricsAtK(cutOff, number(v, "precision"), number(v, "recall"), number(v, "ndcg"),
                            number(v, "map"), number(v, "mrr"), number(v, "hitRate"), number(v, "coverage"),
                            number(v, "novelty"), number(v, "diversity"), number(v, "f1"), intervals(v)));
                }
            }
            results.add(new AlgorithmResult(name, algorithm.getJsonObject("parameters"), atK, number(m, "mrr"),
                    m.getInt("users", 0), m.getJsonNumber("trainMillis") == null ? 0 : m.getJsonNumber("trainMillis").longValue()));
        }
        return results;
    }

    /** The stored 95 % intervals per metric; none for runs stored before they existed. */
    private static java.util.Map<String, double[]> intervals(JsonObject at) {
        var intervals = new java.util.LinkedHashMap<String, double[]>();
        if (at.get("ci95") instanceof JsonObject stored) {
            stored.forEach((metric, bounds) -> {
                if (bounds instanceof JsonArray pair && pair.size() == 2) {
                    intervals.put(metric, new double[] {pair.getJsonNumber(0).doubleValue(), pair.getJsonNumber(1).doubleValue()});
                }
            });
        }
        return intervals;
    }

    /** NaN for null (diversity without vectors). */
    private static double number(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonNumber number ? number.doubleValue() : Double.NaN;
    }

    private static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
