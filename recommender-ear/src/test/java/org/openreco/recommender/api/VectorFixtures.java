package org.openreco.recommender.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vectors the tests need: written by the re-embedding pipeline where it is deployed (then the tests
 * only wait for them), otherwise by the test itself: item vectors encoded
 * by the server's own model (the admin encode endpoint, so the real model makes them) into the V030
 * table of the catalogue's model under a new active generation, and user vectors as the weighted mean
 * of the vectors of the items they interacted with (negative weights subtract).
 */
final class VectorFixtures {

    private static final String URL = env("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");
    private static final String USER = env("DB_USER", "recommender");
    private static final String PASSWORD = env("DB_PASSWORD", "recommender");
    private static final int ENCODE_BATCH = 64;

    /** model name -> table suffix, as EmbeddingModel has them */
    private static final Map<String, String> SUFFIX = Map.of("all-minilm-l6-v2", "minilm", "all-minilm-l6-v2-q", "minilm_q",
            "bge-small-zh-v15", "bge_zh");

    private VectorFixtures() {
    }

    /** Whether the pipeline embeds this catalogue's items by itself: some vector appears within the grace period. */
    static boolean pipelineEmbeds(String catalogue, java.time.Duration grace) throws SQLException {
        long deadline = System.nanoTime() + grace.toNanos();
        do {
            if (itemVectors(catalogue, null) > 0) {
                return true;
            }
            sleep(250);
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** Waits until the catalogue's active generation holds a vector for each of its items. */
    /** Waits until the catalogue's active generation is of this model and holds this many item vectors. */
    static void awaitItemVectors(String catalogue, String model, long items, java.time.Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long done;
        while ((done = itemVectors(catalogue, model)) < items) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the pipeline embedded " + done + " of " + items + " items in " + timeout);
            }
            sleep(500);
        }
    }

    /** Waits until the user's vector in the active generation is newer than the given time; returns the wait. */
    static java.time.Duration awaitUserVector(String catalogue, String user, java.time.Instant after, java.time.Duration timeout)
            throws SQLException {
        long start = System.nanoTime();
        while (true) {
            try (var db = database(); var ps = db.prepareStatement("""
                    select g.model, (select max(x) from (
                              select v.embedded_at x from user_vector_minilm v where v.generation_id = g.id and v.user_id = u.id and v.embedding is not null
                              union all select v.embedded_at from user_vector_minilm_q v where v.generation_id = g.id and v.user_id = u.id and v.embedding is not null
                              union all select v.embedded_at from user_vector_bge_zh v where v.generation_id = g.id and v.user_id = u.id and v.embedding is not null) t)
                      from catalogue c join embedding_generation g on g.catalogue_id = c.id and g.status = 'active'
                      join app_user u on u.catalogue_id = c.id and u.external_id = ?
                     where c.name = ?""")) {
                ps.setString(1, user);
                ps.setString(2, catalogue);
                var rs = ps.executeQuery();
                if (rs.next() && rs.getTimestamp(2) != null && rs.getTimestamp(2).toInstant().isAfter(after)) {
                    return java.time.Duration.ofNanos(System.nanoTime() - start);
                }
            }
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new AssertionError("no fresh vector for user " + user + " within " + timeout);
            }
            sleep(100);
        }
    }

    /** Item vectors in the catalogue's active generation, if it is of this model (any model when null). */
    private static long itemVectors(String catalogue, String model) throws SQLException {
        try (var db = database(); var ps = db.prepareStatement("""
                select (select count(*) from item_vector_minilm v where v.generation_id = g.id)
                     + (select count(*) from item_vector_minilm_q v where v.generation_id = g.id)
                     + (select count(*) from item_vector_bge_zh v where v.generation_id = g.id)
                  from catalogue c join embedding_generation g on g.catalogue_id = c.id and g.status = 'active'
                 where c.name = ? and (cast(? as varchar) is null or g.model = ?)""")) {
            ps.setString(1, catalogue);
            ps.setString(2, model);
            ps.setString(3, model);
            var rs = ps.executeQuery();
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /**
     * Deletes test catalogues straight in the database. The server may still be working on them (a
     * re-embedding batch, candidates computed ahead), and a delete that cascades through their users can then
     * be chosen as a deadlock's victim: it is tried again, up to three times.
     */
    static void deleteCatalogues(Collection<String> names) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (var db = database(); var ps = db.prepareStatement("delete from catalogue where name = any(?)")) {
                ps.setArray(1, db.createArrayOf("text", names.toArray()));
                ps.executeUpdate();
                return;
            } catch (SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Encodes every item of the catalogue with the model and activates the generation; returns its id. */
    static long embedItems(String catalogue, String model) throws SQLException {
        try (var db = database()) {
            long catalogueId;
            try (var ps = db.prepareStatement("select id from catalogue where name = ?")) {
                ps.setString(1, catalogue);
                var rs = ps.executeQuery();
                rs.next();
                catalogueId = rs.getLong(1);
            }
            var texts = new LinkedHashMap<Long, String>();
            try (var ps = db.prepareStatement("""
                    select id, title, array_to_string(categories, ', '), array_to_string(tags, ', '), coalesce(description, '')
                      from item where catalogue_id = ? order by id""")) {
                ps.setLong(1, catalogueId);
                var rs = ps.executeQuery();
                while (rs.next()) {
                    texts.put(rs.getLong(1), String.join(". ", List.of(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                            .replaceAll("(\\. )+$", "").strip());
                }
            }
            db.setAutoCommit(false);
            long generation;
            try (var st = db.createStatement()) {
                st.executeUpdate("update embedding_generation set status = 'retired' where status in ('active', 'building') and catalogue_id = " + catalogueId);
                var rs = st.executeQuery("insert into embedding_generation (catalogue_id, model, status, activated_at) values ("
                        + catalogueId + ", '" + model + "', 'active', now()) returning id");
                rs.next();
                generation = rs.getLong(1);
            }
            var ids = new ArrayList<>(texts.keySet());
            try (var ps = db.prepareStatement("insert into item_vector_" + SUFFIX.get(model)
                    + " (generation_id, item_id, content_hash, embedding) values (?, ?, 'fixture', cast(? as vector))")) {
                for (int from = 0; from < ids.size(); from += ENCODE_BATCH) {
                    var batch = ids.subList(from, Math.min(ids.size(), from + ENCODE_BATCH));
                    var vectors = encode(model, batch.stream().map(texts::get).toList());
                    for (int i = 0; i < batch.size(); i++) {
                        ps.setLong(1, generation);
                        ps.setLong(2, batch.get(i));
                        ps.setString(3, vectors.get(i));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            db.commit();
            return generation;
        }
    }

    /** Recomputes a user's vector from their interactions (the pipeline's job once it is deployed). */
    static void embedUser(String catalogue, String user) throws SQLException {
        try (var db = database()) {
            String model;
            long generation;
            try (var ps = db.prepareStatement("""
                    select g.id, g.model from embedding_generation g join catalogue c on c.id = g.catalogue_id
                     where c.name = ? and g.status = 'active'""")) {
                ps.setString(1, catalogue);
                var rs = ps.executeQuery();
                rs.next();
                generation = rs.getLong(1);
                model = rs.getString(2);
            }
            String suffix = SUFFIX.get(model);
            try (var ps = db.prepareStatement("""
                    with u as (select u.id from app_user u join catalogue c on c.id = u.catalogue_id where c.name = ? and u.external_id = ?),
                         taste as (select sum(v.embedding * cast(array_fill(x.weight::real, array[vector_dims(v.embedding)]) as vector)) as s, sum(abs(x.weight)) as w
                                     from interaction x join u on u.id = x.user_id
                                     join item_vector_%1$s v on v.generation_id = ? and v.item_id = x.item_id)
                    insert into user_vector_%1$s (generation_id, user_id, taste_sum, taste_weight, embedding)
                    select ?, u.id, taste.s, taste.w, l2_normalize(taste.s) from u, taste where taste.s is not null
                    on conflict (generation_id, user_id) do update
                       set taste_sum = excluded.taste_sum, taste_weight = excluded.taste_weight, embedding = excluded.embedding,
                           embedded_at = now()""".formatted(suffix))) {
                ps.setString(1, catalogue);
                ps.setString(2, user);
                ps.setLong(3, generation);
                ps.setLong(4, generation);
                ps.executeUpdate();
            }
        }
    }

    /** Whether the server has the admin encode endpoint for the model. */
    static boolean canEncode(String model) {
        var body = Json.createObjectBuilder().add("texts", Json.createArrayBuilder(List.of("probe"))).build().toString();
        return Api.post("/api/v1/embedding-models/" + model + ":encode", body).status() == 200;
    }

    /** The server's model, through the admin API: one vector per text, as pgvector text. */
    static List<String> encode(String model, List<String> texts) {
        var body = Json.createObjectBuilder().add("texts", Json.createArrayBuilder(texts)).build().toString();
        var reply = Api.post("/api/v1/embedding-models/" + model + ":encode", body);
        if (reply.status() != 200) {
            throw new IllegalStateException("encode: " + reply.status() + " " + reply.body());
        }
        var vectors = new ArrayList<String>(texts.size());
        for (var vector : reply.json().getJsonArray("vectors")) {
            var text = new StringBuilder("[");
            for (var x : (JsonArray) vector) {
                text.append(text.length() == 1 ? "" : ",").append(((JsonNumber) x).doubleValue());
            }
            vectors.add(text.append(']').toString());
        }
        return vectors;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
