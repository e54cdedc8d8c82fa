package org.openreco.recommender.embedding.control;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;

/**
 * The SQL of embedding generations (V030): at most one active and one building per catalogue (unique
 * indexes guard it), activation and retirement in one transaction, a build's cursors and progress.
 */
public final class Generations {

    private static final String COLUMNS = """
            id, catalogue_id, model, status, items_total, items_done, users_total, users_done, item_cursor,
            user_cursor, items_finished_at, created_at, activated_at, finished_at""";

    private final Connection connection;

    public Generations(Connection connection) {
        this.connection = connection;
    }

    /** The active and the building generation of the catalogue (active first); those of unknown models are left out. */
    public List<Generation> live(long catalogueId) throws SQLException {
        return select("where catalogue_id = ? and status in ('active', 'building') order by status", catalogueId);
    }

    /** The live generations, after creating an active one for {@code model} if the catalogue has none yet. */
    public List<Generation> liveOrFirst(long catalogueId, EmbeddingModel model) throws SQLException {
        var live = live(catalogueId);
        if (live.stream().anyMatch(Generation::isActive)) {
            return live;
        }
        try (var insert = connection.prepareStatement("""
                insert into embedding_generation (catalogue_id, model, status, activated_at)
                values (?, ?, 'active', now())
                on conflict (catalogue_id) where status = 'active' do nothing""")) {
            insert.setLong(1, catalogueId);
            insert.setString(2, model.modelName());
            insert.executeUpdate();
        }
        return live(catalogueId);
    }

    public Optional<Generation> active(long catalogueId) throws SQLException {
        return live(catalogueId).stream().filter(Generation::isActive).findFirst();
    }

    public Optional<Generation> building(long catalogueId) throws SQLException {
        return live(catalogueId).stream().filter(Generation::isBuilding).findFirst();
    }

    /** The building generation, its row locked until the transaction ends. */
    public Optional<Generation> lockBuilding(long catalogueId) throws SQLException {
        return select("where catalogue_id = ? and status = 'building' for update", catalogueId).stream().findFirst();
    }

    /** The catalogue's generations, newest first. */
    public List<Generation> history(long catalogueId, int limit) throws SQLException {
        return select("where catalogue_id = ? order by created_at desc, id desc limit " + limit, catalogueId);
    }

    /**
     * A new building generation of {@code model}, sized by the catalogue's items and users now; a build
     * already running is cancelled first.
     */
    public Generation startBuild(long catalogueId, EmbeddingModel model) throws SQLException {
        cancelBuild(catalogueId);
        try (var insert = connection.prepareStatement("""
                insert into embedding_generation (catalogue_id, model, status, items_total, users_total)
                values (?, ?, 'building', (select count(*) from item where catalogue_id = ?),
                        (select count(*) from app_user where catalogue_id = ?))
                returning id""")) {
            insert.setLong(1, catalogueId);
            insert.setString(2, model.modelName());
            insert.setLong(3, catalogueId);
            insert.setLong(4, catalogueId);
            insert.executeQuery().close();
        }
        return building(catalogueId).orElseThrow();
    }

    /** Cancels the catalogue's build, if any; its vectors are purged later. Returns whether there was one. */
    public boolean cancelBuild(long catalogueId) throws SQLException {
        try (var update = connection.prepareStatement("""
                update embedding_generation set status = 'cancelled', finished_at = now()
                where catalogue_id = ? and status = 'building'""")) {
            update.setLong(1, catalogueId);
            return update.executeUpdate() > 0;
        }
    }

    /** Retires the active generation and activates the built one, in the caller's (one) transaction. */
    public void activate(Generation built) throws SQLException {
        try (var retire = connection.prepareStatement("""
                update embedding_generation set status = 'retired', finished_at = now()
                where catalogue_id = ? and status = 'active'""");
             var activate = connection.prepareStatement("""
                update embedding_generation set status = 'active', activated_at = now(), finished_at = now()
                where id = ? and status = 'building'""")) {
            retire.setLong(1, built.catalogueId());
            retire.executeUpdate();
            activate.setLong(1, built.id());
            if (activate.executeUpdate() != 1) {
                throw new SQLException("generation " + built.id() + " is no longer building");
            }
        }
    }

    public void advanceItems(long generationId, long cursor, int done) throws SQLException {
        advance("item_cursor = ?, items_done = items_done + ?", generationId, cursor, done);
    }

    public void advanceUsers(long generationId, long cursor, int done) throws SQLException {
        advance("user_cursor = ?, users_done = users_done + ?", generationId, cursor, done);
    }

    /** Every item has its vector: users may be folded from now on. */
    public void finishItems(long generationId) throws SQLException {
        try (var update = connection.prepareStatement(
                "update embedding_generation set items_finished_at = now() where id = ?")) {
            update.setLong(1, generationId);
            update.executeUpdate();
        }
    }

    /**
     * Deletes up to {@code limit} vectors of retired and cancelled generations (in chunks, so that no
     * transaction deletes a whole catalogue's worth); returns how many went.
     */
    public int purgeStale(int limit) throws SQLException {
        int purged = 0;
        for (var model : EmbeddingModel.values()) {
            for (String table : List.of(model.itemTable(), model.userTable())) {
                String key = table.startsWith("item") ? "item_id" : "user_id";
                try (var delete = connection.prepareStatement("""
                        delete from %1$s where (generation_id, %2$s) in (
                            select v.generation_id, v.%2$s from %1$s v
                              join embedding_generation g on g.id = v.generation_id
                             where g.status in ('retired', 'cancelled') limit ?)""".formatted(table, key))) {
                    delete.setInt(1, limit - purged);
                    purged += delete.executeUpdate();
                }
                if (purged >= limit) {
                    return purged;
                }
            }
        }
        return purged;
    }

    private void advance(String set, long generationId, long cursor, int done) throws SQLException {
        try (var update = connection.prepareStatement("update embedding_generation set " + set + " where id = ?")) {
            update.setLong(1, cursor);
            update.setInt(2, done);
            update.setLong(3, generationId);
            update.executeUpdate();
        }
    }

    private List<Generation> select(String where, long catalogueId) throws SQLException {
        List<Generation> generations = new ArrayList<>();
        try (var select = connection.prepareStatement("select " + COLUMNS + " from embedding_generation " + where)) {
            select.setLong(1, catalogueId);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    var model = EmbeddingModel.named(rows.getString("model"));
                    if (model.isPresent()) {
                        generations.add(read(rows, model.get()));
                    }
                }
            }
        }
        return generations;
    }

    private static Generation read(ResultSet rows, EmbeddingModel model) throws SQLException {
        return new Generation(rows.getLong("id"), rows.getLong("catalogue_id"), model, rows.getString("status"),
                (Integer) rows.getObject("items_total"), rows.getInt("items_done"), (Integer) rows.getObject("users_total"),
                rows.getInt("users_done"), rows.getLong("item_cursor"), rows.getLong("user_cursor"),
                instant(rows.getTimestamp("items_finished_at")), instant(rows.getTimestamp("created_at")),
                instant(rows.getTimestamp("activated_at")), instant(rows.getTimestamp("finished_at")));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
