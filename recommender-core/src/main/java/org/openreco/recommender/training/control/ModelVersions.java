package org.openreco.recommender.training.control;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openreco.recommender.platform.boundary.ConflictException;
import org.openreco.recommender.platform.boundary.ServerNode;
import org.openreco.recommender.training.boundary.ModelVersion;
import org.openreco.recommender.training.boundary.TrainingProgress;

/**
 * The SQL of model versions (V001 + V050): at most one training and one active version per catalogue.
 * Starting and activating lock the catalogue's row, so two concurrent starts (or activations) of one
 * catalogue are serialised and the second sees the first.
 */
public final class ModelVersions {

    /** Besides the active version, the newest trained or retired versions whose factors are kept for re-activation. */
    public static final int KEPT_INACTIVE = 2;

    private static final String SELECT = """
            select m.id, c.name, m.algorithm, m.status, m.triggered_by, m.created_at, m.started_at, m.finished_at,
                   m.activated_at, m.users, m.items, m.interactions, m.factors, m.progress::text, m.parameters::text,
                   m.metrics::text,
                   (select max(e.id) from evaluation_run e where e.model_version_id = m.id), m.error
              from model_version m join catalogue c on c.id = m.catalogue_id
            """;

    private final Connection connection;

    public ModelVersions(Connection connection) {
        this.connection = connection;
    }

    /** A new version in status training; ConflictException when the catalogue has one training already. */
    public long open(long catalogueId, String parameters, String triggeredBy) throws SQLException {
        lockCatalogue(catalogueId);
        try (var running = connection.prepareStatement(
                "select id from model_version where catalogue_id = ? and status = 'training'")) {
            running.setLong(1, catalogueId);
            try (var rows = running.executeQuery()) {
                if (rows.next()) {
                    throw new ConflictException("status", "model version " + rows.getLong(1)
                            + " of this catalogue is training; wait until it has finished");
                }
            }
        }
        try (var insert = connection.prepareStatement("""
                insert into model_version (catalogue_id, algorithm, parameters, status, started_at, triggered_by, progress,
                                           progressed_at, node)
                values (?, 'ials', cast(? as jsonb), 'training', now(), ?, '{"phase":"loading"}', now(), ?) returning id""")) {
            insert.setLong(1, catalogueId);
            insert.setString(2, parameters);
            insert.setString(3, triggeredBy);
            insert.setString(4, ServerNode.name());
            try (var rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public void jobExecution(long id, long execution) throws SQLException {
        update("update model_version set job_execution_id = ? where id = ?", execution, id);
    }

    public void progress(long id, String progress) throws SQLException {
        try (var update = connection.prepareStatement(
                "update model_version set progress = cast(? as jsonb), progressed_at = now() where id = ? and status = 'training'")) {
            update.setString(1, progress);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    /** Marks a training version failed with the reason; false when it was not training (any more). */
    public boolean fail(long id, String error) throws SQLException {
        try (var update = connection.prepareStatement("""
                update model_version set status = 'failed', error = ?, finished_at = now()
                 where id = ? and status = 'training'""")) {
            update.setString(1, error);
            update.setLong(2, id);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Training versions this node left behind when it stopped: nothing runs them any more. Another node's
     * trainings run on (rows without a node are from before nodes were recorded: anyone's).
     */
    public List<Long> failInterrupted(String node, String error) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (var update = connection.prepareStatement("""
                update model_version set status = 'failed', error = ?, finished_at = now()
                 where status = 'training' and (node = ? or node is null) returning id""")) {
            update.setString(1, error);
            update.setString(2, node);
            try (var rows = update.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /**
     * Fails the trainings that have reported no progress for longer than the limit (their thread died
     * without recording it, or hangs); their ids, so that their stored rows can be removed.
     */
    public List<Long> failStalled(Duration limit, String error) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (var update = connection.prepareStatement("""
                update model_version set status = 'failed', error = ?, finished_at = now()
                 where status = 'training' and coalesce(progressed_at, started_at) < now() - make_interval(secs => ?)
                returning id""")) {
            update.setString(1, error);
            update.setDouble(2, limit.toMillis() / 1000.0);
            try (var rows = update.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The training is done: its parameters (with the tuned blend), headline metrics and counts; status trained. */
    public void trained(long id, String parameters, String metrics, int users, int items, long interactions, int factors,
            String progress) throws SQLException {
        try (var update = connection.prepareStatement("""
                update model_version set status = 'trained', finished_at = now(), parameters = cast(? as jsonb),
                       metrics = cast(? as jsonb), users = ?, items = ?, interactions = ?, factors = ?,
                       progress = cast(? as jsonb)
                 where id = ? and status = 'training'""")) {
            update.setString(1, parameters);
            update.setString(2, metrics);
            update.setInt(3, users);
            update.setInt(4, items);
            update.setLong(5, interactions);
            update.setInt(6, factors);
            update.setString(7, progress);
            update.setLong(8, id);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("model version " + id + " is no longer training");
            }
        }
    }

    /**
     * Retires the catalogue's active version and activates this trained or retired one, in the caller's
     * transaction; ConflictException naming its status otherwise, or when its factors were removed.
     */
    public void activate(long catalogueId, long id) throws SQLException {
        lockCatalogue(catalogueId);
        String status = status(catalogueId, id);
        if (!status.equals("trained") && !status.equals("retired") && !status.equals("active")) {
            throw new ConflictException("status", "model version " + id + " is " + status
                    + "; only a trained or retired version can be activated");
        }
        if (status.equals("active")) {
            return;
        }
        try (var factors = connection.prepareStatement("select 1 from item_factor where model_version_id = ? limit 1")) {
            factors.setLong(1, id);
            try (var rows = factors.executeQuery()) {
                if (!rows.next()) {
                    throw new ConflictException("status", "model version " + id
                            + " no longer has its factors (only the newest versions keep them); train a new one");
                }
            }
        }
        update("update model_version set status = 'retired' where catalogue_id = ? and status = 'active' and id <> ?",
                catalogueId, id);
        update("update model_version set status = 'active', activated_at = now() where id = ?", id);
    }

    /**
     * Removes the factors and neighbours of every version but the active one and the {@link #KEPT_INACTIVE}
     * newest other trained or retired ones (their model_version and evaluation rows stay). Returns the
     * versions cleared.
     */
    public List<Long> retain(long catalogueId) throws SQLException {
        List<Long> cleared = new ArrayList<>();
        try (var select = connection.prepareStatement("""
                select id from model_version
                 where catalogue_id = ? and status in ('trained', 'retired', 'failed')
                   and id not in (select id from model_version
                                   where catalogue_id = ? and status in ('trained', 'retired')
                                   order by created_at desc, id desc limit ?)
                   and (exists (select 1 from item_factor f where f.model_version_id = model_version.id)
                        or exists (select 1 from user_factor f where f.model_version_id = model_version.id)
                        or exists (select 1 from item_neighbours n where n.model_version_id = model_version.id)
                        or exists (select 1 from item_weights w where w.model_version_id = model_version.id))""")) {
            select.setLong(1, catalogueId);
            select.setLong(2, catalogueId);
            select.setInt(3, KEPT_INACTIVE);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    cleared.add(rows.getLong(1));
                }
            }
        }
        for (long id : cleared) {
            for (String table : List.of("item_factor", "user_factor", "item_neighbours", "item_weights")) {
                update("delete from " + table + " where model_version_id = ?", id);
            }
            ModelStore.dropIndex(connection, id);
        }
        dropOrphanIndexes();
        return cleared;
    }

    /**
     * Drops the factor indexes of versions gone with their catalogue (the rows cascade, a partial index
     * stays behind) or whose rows were removed without their index.
     */
    private void dropOrphanIndexes() throws SQLException {
        List<Long> orphans = new ArrayList<>();
        try (var select = connection.prepareStatement("""
                select cast(substr(c.relname, length('item_factor_hnsw_v') + 1) as bigint)
                  from pg_index x join pg_class c on c.oid = x.indexrelid
                 where x.indrelid = cast('item_factor' as regclass) and c.relname ~ '^item_factor_hnsw_v[0-9]+$'""");
             var rows = select.executeQuery()) {
            while (rows.next()) {
                orphans.add(rows.getLong(1));
            }
        }
        for (long id : orphans) {
            try (var exists = connection.prepareStatement("select 1 from item_factor where model_version_id = ? limit 1")) {
                exists.setLong(1, id);
                try (var rows = exists.executeQuery()) {
                    if (rows.next()) {
                        continue;
                    }
                }
            }
            ModelStore.dropIndex(connection, id);
        }
    }

    public String status(long catalogueId, long id) throws SQLException {
        try (var select = connection.prepareStatement("select status from model_version where catalogue_id = ? and id = ?")) {
            select.setLong(1, catalogueId);
            select.setLong(2, id);
            try (var rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new org.openreco.recommender.platform.boundary.NotFoundException(
                            "model version " + id + " of this catalogue does not exist");
                }
                return rows.getString(1);
            }
        }
    }

    public long catalogueId(long id) throws SQLException {
        try (var select = connection.prepareStatement("select catalogue_id from model_version where id = ?")) {
            select.setLong(1, id);
            try (var rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("model version " + id + " does not exist");
                }
                return rows.getLong(1);
            }
        }
    }

    public Optional<ModelVersion> find(long catalogueId, long id) throws SQLException {
        return select("where m.catalogue_id = ? and m.id = ?", catalogueId, id).stream().findFirst();
    }

    /** The version to train, by id alone (the batch job knows no catalogue). */
    public Optional<ModelVersion> find(long id) throws SQLException {
        return select("where m.id = ?", id).stream().findFirst();
    }

    public List<ModelVersion> history(long catalogueId, int limit) throws SQLException {
        return select("where m.catalogue_id = ? order by m.created_at desc, m.id desc limit " + Math.max(0, limit), catalogueId);
    }

    public Optional<ModelVersion> active(long catalogueId) throws SQLException {
        return select("where m.catalogue_id = ? and m.status = 'active'", catalogueId).stream().findFirst();
    }

    public Optional<ModelVersion> training(long catalogueId) throws SQLException {
        return select("where m.catalogue_id = ? and m.status = 'training'", catalogueId).stream().findFirst();
    }

    private void lockCatalogue(long catalogueId) throws SQLException {
        try (var lock = connection.prepareStatement("select id from catalogue where id = ? for no key update")) {
            lock.setLong(1, catalogueId);
            lock.executeQuery().close();
        }
    }

    private void update(String sql, long... values) throws SQLException {
        try (var update = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setLong(i + 1, values[i]);
            }
            update.executeUpdate();
        }
    }

    private List<ModelVersion> select(String where, long... values) throws SQLException {
        List<ModelVersion> versions = new ArrayList<>();
        try (var select = connection.prepareStatement(SELECT + where)) {
            for (int i = 0; i < values.length; i++) {
                select.setLong(i + 1, values[i]);
            }
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    versions.add(read(rows));
                }
            }
        }
        return versions;
    }

    private static ModelVersion read(ResultSet rows) throws SQLException {
        return new ModelVersion(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), instant(rows.getTimestamp(6)), instant(rows.getTimestamp(7)),
                instant(rows.getTimestamp(8)), instant(rows.getTimestamp(9)), (Integer) rows.getObject(10),
                (Integer) rows.getObject(11), (Long) rows.getObject(12), (Integer) rows.getObject(13),
                progress(json(rows.getString(14))), json(rows.getString(15)), json(rows.getString(16)),
                (Long) rows.getObject(17), rows.getString(18));
    }

    static TrainingProgress progress(JsonObject json) {
        if (json == null || json.isEmpty()) {
            return TrainingProgress.NONE;
        }
        List<Double> loss = json.containsKey("loss") && json.get("loss").getValueType() == JsonValue.ValueType.ARRAY
                ? json.getJsonArray("loss").getValuesAs(JsonNumber.class).stream().map(JsonNumber::doubleValue).toList()
                : List.of();
        return new TrainingProgress(json.getString("phase", null), json.getInt("epoch", 0), json.getInt("epochs", 0), loss);
    }

    static JsonObject json(String text) {
        if (text == null) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
