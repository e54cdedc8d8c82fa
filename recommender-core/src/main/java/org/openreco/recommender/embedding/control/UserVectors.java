package org.openreco.recommender.embedding.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.boundary.TextEncoder;
import org.openreco.recommender.embedding.control.TasteFold.Event;
import org.openreco.recommender.embedding.control.TasteFold.Taste;

/**
 * Folds users' new events into their taste, per generation, incrementally: the stored sum is decayed
 * to the newest event and only events with ids above the user's watermark ({@code folded_through_id})
 * are read and added. That is safe because an event's id is allocated while its writer holds the user's
 * queue mark with a share lock (EventStore): a worker never claims a user whose events are still being
 * written, so no later commit brings an id below the watermark. A user without a row yet (a new user, or a generation being
 * built) is folded from the whole history once.
 *
 * <p>An event whose item has no vector yet but is waiting in the queue ends the fold: the watermark
 * stops before it and the user is left for later ({@link Result#later}), so the item's vector is
 * counted once it exists. Items that will never get one (parked) are passed over.
 */
public final class UserVectors {

    /** In event-weight units: a profile weighs like one "like" (4). */
    static final double PROFILE_WEIGHT = 4.0;

    /** What a call did: profiles encoded, user vectors written, users to mark again for later. */
    public record Result(int encoded, int written, Set<Long> later) {
    }

    private record UserRow(long id, String profileText, String profileHash) {
    }

    private record Stored(Taste taste, long foldedThrough, String profileHash, float[] profileEmbedding) {
    }

    private record Pending(List<Event> events, long foldedThrough, boolean heldBack) {
    }

    private final Connection connection;
    private final TextEncoder encoder;

    public UserVectors(Connection connection, TextEncoder encoder) {
        this.connection = connection;
        this.encoder = encoder;
    }

    public Result fold(Collection<Long> userIds, List<Generation> generations, double halfLifeDays) throws SQLException {
        List<Generation> targets = generations.stream().filter(Generation::takesUsers).toList();
        if (userIds.isEmpty() || targets.isEmpty()) {
            return new Result(0, 0, Set.of());
        }
        Map<Long, UserRow> users = lockAndRead(userIds);
        Set<Long> later = new TreeSet<>(userIds);
        later.removeAll(users.keySet());
        later.removeIf(id -> !exists(id));
        var fold = TasteFold.halfLifeDays(halfLifeDays);
        int encoded = 0;
        int written = 0;
        for (Generation generation : targets) {
            EmbeddingModel model = generation.model();
            Map<Long, Stored> stored = stored(model, generation.id(), users.keySet());
            Map<Long, Pending> pending = newEvents(model, generation.id(), users.keySet(), stored);
            // profiles: encode the new and changed ones, in one call
            List<UserRow> profilesToEncode = users.values().stream()
                    .filter(u -> u.profileText() != null && !u.profileText().isBlank())
                    .filter(u -> stored.get(u.id()) == null || !u.profileHash().equals(stored.get(u.id()).profileHash()))
                    .toList();
            Map<Long, float[]> newProfiles = new HashMap<>();
            if (!profilesToEncode.isEmpty()) {
                List<float[]> vectors = encoder.encode(model, profilesToEncode.stream().map(UserRow::profileText).toList());
                for (int i = 0; i < profilesToEncode.size(); i++) {
                    newProfiles.put(profilesToEncode.get(i).id(), vectors.get(i));
                }
                encoded += profilesToEncode.size();
            }
            try (var upsert = connection.prepareStatement("insert into " + model.userTable() + """
                     (generation_id, user_id, taste_sum, taste_weight, decayed_to, folded_through_id, profile_hash,
                      profile_embedding, embedding, embedded_at)
                    values (?, ?, %1$s, ?, ?, ?, ?, %1$s, %1$s, now())
                    on conflict (generation_id, user_id) do update set taste_sum = excluded.taste_sum,
                        taste_weight = excluded.taste_weight, decayed_to = excluded.decayed_to,
                        folded_through_id = excluded.folded_through_id, profile_hash = excluded.profile_hash,
                        profile_embedding = excluded.profile_embedding, embedding = excluded.embedding,
                        embedded_at = excluded.embedded_at""".formatted(VectorSql.PARAMETER))) {
                for (UserRow user : users.values()) {
                    Stored before = stored.getOrDefault(user.id(), new Stored(Taste.none(model.dimensions()), 0, null, null));
                    Pending events = pending.getOrDefault(user.id(), new Pending(List.of(), before.foldedThrough(), false));
                    if (events.heldBack()) {
                        later.add(user.id());
                    }
                    Taste taste = fold.fold(before.taste(), events.events());
                    boolean hasProfile = user.profileText() != null && !user.profileText().isBlank();
                    float[] profile = !hasProfile ? null
                            : newProfiles.containsKey(user.id()) ? newProfiles.get(user.id()) : before.profileEmbedding();
                    float[] embedding = TasteFold.blend(taste, profile, PROFILE_WEIGHT);
                    upsert.setLong(1, generation.id());
                    upsert.setLong(2, user.id());
                    VectorSql.bind(upsert, 3, taste.isEmpty() ? null : toFloats(taste.sum()));
                    upsert.setDouble(4, taste.weight());
                    upsert.setTimestamp(5, taste.decayedTo() == null ? null : Timestamp.from(taste.decayedTo()));
                    upsert.setLong(6, events.foldedThrough());
                    upsert.setString(7, hasProfile ? user.profileHash() : null);
                    VectorSql.bind(upsert, 8, profile);
                    VectorSql.bind(upsert, 9, embedding);
                    upsert.addBatch();
                    written++;
                }
                upsert.executeBatch();
            }
        }
        return new Result(encoded, written, later);
    }

    private Map<Long, UserRow> lockAndRead(Collection<Long> userIds) throws SQLException {
        Map<Long, UserRow> users = new LinkedHashMap<>();
        try (var select = connection.prepareStatement("""
                select id, profile_text, encode(sha256(convert_to(coalesce(profile_text, ''), 'UTF8')), 'hex')
                  from app_user where id = any (?) order by id for no key update skip locked""")) {
            select.setArray(1, connection.createArrayOf("bigint", new TreeSet<>(userIds).toArray(Long[]::new)));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    users.put(rows.getLong(1), new UserRow(rows.getLong(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        return users;
    }

    private boolean exists(long userId) {
        try (var select = connection.prepareStatement("select 1 from app_user where id = ?")) {
            select.setLong(1, userId);
            try (var rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<Long, Stored> stored(EmbeddingModel model, long generationId, Set<Long> userIds) throws SQLException {
        Map<Long, Stored> stored = new HashMap<>();
        try (var select = connection.prepareStatement("select user_id, " + VectorSql.column("taste_sum") + ", taste_weight, decayed_to,"
                + " folded_through_id, profile_hash, " + VectorSql.column("profile_embedding") + " from " + model.userTable()
                + " where generation_id = ? and user_id = any (?)")) {
            select.setLong(1, generationId);
            select.setArray(2, connection.createArrayOf("bigint", userIds.toArray(Long[]::new)));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    float[] sum = VectorSql.read(rows, 2);
                    double[] sumD = new double[model.dimensions()];
                    if (sum != null) {
                        for (int i = 0; i < sumD.length; i++) {
                            sumD[i] = sum[i];
                        }
                    }
                    var taste = new Taste(sumD, rows.getDouble(3), Generations.instant(rows.getTimestamp(4)));
                    stored.put(rows.getLong(1), new Stored(taste, rows.getLong(5), rows.getString(6),
                            VectorSql.read(rows, 7)));
                }
            }
        }
        return stored;
    }

    /**
     * Per user, the events above the watermark in id order, up to the first whose item's vector is still
     * queued. Each distinct item's vector is read (and parsed) once, however many events name it.
     */
    private Map<Long, Pending> newEvents(EmbeddingModel model, long generationId, Set<Long> userIds,
            Map<Long, Stored> stored) throws SQLException {
        Long[] users = userIds.toArray(Long[]::new);
        Long[] after = new Long[users.length];
        for (int i = 0; i < users.length; i++) {
            Stored s = stored.get(users[i]);
            after[i] = s == null ? 0L : s.foldedThrough();
        }
        record Row(double weight, java.time.Instant occurredAt, long itemId) {
        }
        Map<Long, List<Row>> rows = new HashMap<>();
        Map<Long, Long> through = new HashMap<>();
        Set<Long> heldBack = new TreeSet<>();
        Set<Long> withVector = new TreeSet<>();
        try (var select = connection.prepareStatement("""
                select i.user_id, i.id, i.weight, i.occurred_at, i.item_id, v.item_id is not null,
                       v.item_id is null and exists (select 1 from embedding_queue q
                                                      where q.kind = 'item' and q.entity_id = i.item_id and not q.parked)
                  from unnest(?::bigint[], ?::bigint[]) as w(u, after)
                  join interaction i on i.user_id = w.u and i.id > w.after
                  left join %s v on v.generation_id = ? and v.item_id = i.item_id
                 order by i.user_id, i.id""".formatted(model.itemTable()))) {
            select.setArray(1, connection.createArrayOf("bigint", users));
            select.setArray(2, connection.createArrayOf("bigint", after));
            select.setLong(3, generationId);
            try (var result = select.executeQuery()) {
                while (result.next()) {
                    long user = result.getLong(1);
                    if (heldBack.contains(user)) {
                        continue;
                    }
                    if (result.getBoolean(7)) {
                        heldBack.add(user);
                        continue;
                    }
                    through.put(user, result.getLong(2));
                    if (result.getBoolean(6)) {
                        long item = result.getLong(5);
                        withVector.add(item);
                        rows.computeIfAbsent(user, u -> new ArrayList<>())
                                .add(new Row(result.getDouble(3), result.getTimestamp(4).toInstant(), item));
                    }
                }
            }
        }
        Map<Long, float[]> vectors = itemVectors(model, generationId, withVector);
        Map<Long, Pending> pending = new HashMap<>();
        for (int i = 0; i < users.length; i++) {
            List<Event> events = new ArrayList<>();
            for (Row row : rows.getOrDefault(users[i], List.of())) {
                float[] vector = vectors.get(row.itemId());
                if (vector != null) {
                    events.add(new Event(row.weight(), row.occurredAt(), vector));
                }
            }
            pending.put(users[i], new Pending(events, through.getOrDefault(users[i], after[i]), heldBack.contains(users[i])));
        }
        return pending;
    }

    private Map<Long, float[]> itemVectors(EmbeddingModel model, long generationId, Set<Long> itemIds) throws SQLException {
        Map<Long, float[]> vectors = new HashMap<>();
        if (itemIds.isEmpty()) {
            return vectors;
        }
        try (var select = connection.prepareStatement("select item_id, " + VectorSql.column("embedding") + " from " + model.itemTable()
                + " where generation_id = ? and item_id = any (?)")) {
            select.setLong(1, generationId);
            select.setArray(2, connection.createArrayOf("bigint", itemIds.toArray(Long[]::new)));
            try (var result = select.executeQuery()) {
                while (result.next()) {
                    vectors.put(result.getLong(1), VectorSql.read(result, 2));
                }
            }
        }
        return vectors;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
