package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.control.VectorSql;
import org.openreco.recommender.platform.boundary.NotFoundException;
import org.openreco.recommender.ranking.BlendWeights;
import org.openreco.recommender.ranking.ItemWeights;
import org.openreco.recommender.ranking.RankingModel;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * Reads a catalogue's {@link ServingState} out of PostgreSQL, the system of record: the active model
 * version's blend, item factors, neighbours and item × item models (EASE, RP3beta), the active generation's item vectors (only when they fit
 * the memory budget; otherwise content is searched with pgvector per request), the items' facts, and
 * trending.
 */
final class ServingStateLoader {

    static final int FETCH_SIZE = 10_000;

    private final Connection connection;
    private final long vectorBudgetBytes;

    /** @param connection a connection with auto-commit off (the driver streams only then) */
    ServingStateLoader(Connection connection, long vectorBudgetBytes) {
        this.connection = connection;
        this.vectorBudgetBytes = vectorBudgetBytes;
    }

    ServingState load(String catalogue) throws SQLException {
        long catalogueId;
        Long generationId = null, versionId = null;
        EmbeddingModel model = null;
        BlendWeights weights = BlendWeights.CONTENT_ONLY;
        int factors = 0;
        try (var ps = connection.prepareStatement("""
                select c.id, g.id, g.model, m.id, m.factors, m.parameters #> '{blend}'
                  from catalogue c
                  left join embedding_generation g on g.catalogue_id = c.id and g.status = 'active'
                  left join model_version m on m.catalogue_id = c.id and m.status = 'active'
                 where c.name = ?""")) {
            ps.setString(1, catalogue);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("catalogue '" + catalogue + "' does not exist");
                }
                catalogueId = rs.getLong(1);
                if (rs.getObject(2) != null) {
                    // a generation of a model this build does not know cannot be searched: serve as if none
                    Optional<EmbeddingModel> named = EmbeddingModel.named(rs.getString(3));
                    if (named.isPresent()) {
                        generationId = rs.getLong(2);
                        model = named.get();
                    }
                }
                if (rs.getObject(4) != null) {
                    versionId = rs.getLong(4);
                    factors = rs.getInt(5);
                    weights = blend(rs.getString(6));
                }
            }
        }
        // read first: whatever commits while the rest loads shows as a different stamp at the next look
        String stamp = stamp(catalogueId);
        var items = items(catalogueId);
        int count = items.ids.length;
        float[] itemFactors = null;
        int[][] neighbours = null;
        float[][] similarities = null;
        if (versionId != null) {
            itemFactors = itemFactors(versionId, factors, items.ids);
            neighbours = new int[count][];
            similarities = new float[count][];
            neighbours(versionId, items.ids, neighbours, similarities);
        }
        float[][] vectors = null;
        if (generationId != null && (long) count * model.dimensions() * Float.BYTES <= vectorBudgetBytes) {
            vectors = vectors(model, generationId, items.ids);
        }
        var ranked = trending(catalogueId, items.ids);
        var ranking = new RankingModel(count, itemFactors == null ? 0 : factors, itemFactors, neighbours, similarities,
                ranked.items(), ranked.scores(), vectors, items.newest, weights,
                versionId == null ? Map.of() : itemWeights(versionId, items.ids));
        return new ServingState(catalogueId, catalogue, generationId, model, versionId, ranking, items.ids, items.externalIds,
                items.titles, items.categories, items.byExternalId, items.available,
                System.nanoTime() + Trending.CACHE_FOR.toNanos(), stamp);
    }

    /** The state with trending recomputed. */
    ServingState refreshTrending(ServingState state) throws SQLException {
        var ranked = trending(state.catalogueId(), state.itemIds());
        return state.with(state.ranking().withTrending(ranked.items(), ranked.scores()),
                System.nanoTime() + Trending.CACHE_FOR.toNanos());
    }

    /** The items that may be recommended now (hidden and deleted ones not). */
    BitSet available(ServingState state) throws SQLException {
        var available = new BitSet(state.itemIds().length);
        try (var ps = connection.prepareStatement("select id from item where catalogue_id = ? and available")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, state.catalogueId());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    int index = state.index(rs.getLong(1));
                    if (index >= 0) {
                        available.set(index);
                    }
                }
            }
        }
        return available;
    }

    /**
     * What the catalogue's serving inputs look like, cheaply: the active generation and model version, the
     * items' count and latest update, and how many vectors the generation has. A state whose stamp differs
     * misses something nobody announced (new or re-embedded items, a first generation).
     */
    String stamp(long catalogueId) throws SQLException {
        Long generationId = null;
        String stamp;
        try (var ps = connection.prepareStatement("""
                select count(*), max(updated_at)::text,
                       (select g.id from embedding_generation g where g.catalogue_id = ? and g.status = 'active'),
                       (select g.model from embedding_generation g where g.catalogue_id = ? and g.status = 'active'),
                       (select m.id from model_version m where m.catalogue_id = ? and m.status = 'active')
                  from item where catalogue_id = ?""")) {
            for (int i = 1; i <= 4; i++) {
                ps.setLong(i, catalogueId);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                stamp = rs.getLong(1) + "/" + rs.getString(2) + "/" + rs.getObject(3) + "/" + rs.getObject(5);
                if (rs.getObject(3) != null && EmbeddingModel.named(rs.getString(4)).isPresent()) {
                    generationId = rs.getLong(3);
                    var model = EmbeddingModel.named(rs.getString(4)).get();
                    try (var count = connection.prepareStatement(
                            "select count(*) from " + model.itemTable() + " where generation_id = ?")) {
                        count.setLong(1, generationId);
                        try (var counted = count.executeQuery()) {
                            counted.next();
                            stamp += "/" + counted.getLong(1);
                        }
                    }
                }
            }
        }
        return stamp;
    }

    private record Items(long[] ids, String[] externalIds, String[] titles, List<String>[] categories,
            Map<String, Integer> byExternalId, BitSet available, int[] newest) {
    }

    @SuppressWarnings("unchecked")
    private Items items(long catalogueId) throws SQLException {
        var ids = new ArrayList<Long>();
        var externalIds = new ArrayList<String>();
        var titles = new ArrayList<String>();
        var categories = new ArrayList<List<String>>();
        var created = new ArrayList<Long>();
        var available = new BitSet();
        try (var ps = connection.prepareStatement("""
                select id, external_id, title, categories, available, (extract(epoch from created_at) * 1000000)::bigint
                  from item where catalogue_id = ? order by id""")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, catalogueId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(5)) {
                        available.set(ids.size());
                    }
                    ids.add(rs.getLong(1));
                    externalIds.add(rs.getString(2));
                    titles.add(rs.getString(3));
                    categories.add(NearestItems.categories(rs, 4));
                    created.add(rs.getLong(6));
                }
            }
        }
        int count = ids.size();
        var byExternalId = new HashMap<String, Integer>(count * 2);
        for (int i = 0; i < count; i++) {
            byExternalId.put(externalIds.get(i), i);
        }
        // newest first as the SQL fill did: created_at desc, id desc
        int[] newest = java.util.stream.IntStream.range(0, count).boxed()
                .sorted((a, b) -> created.get(a).equals(created.get(b)) ? Integer.compare(b, a) : Long.compare(created.get(b), created.get(a)))
                .mapToInt(Integer::intValue).toArray();
        return new Items(ids.stream().mapToLong(Long::longValue).toArray(), externalIds.toArray(String[]::new),
                titles.toArray(String[]::new), categories.toArray(List[]::new), byExternalId, available, newest);
    }

    private float[] itemFactors(long versionId, int factors, long[] ids) throws SQLException {
        float[] values = new float[ids.length * factors];
        try (var ps = connection.prepareStatement("select item_id, " + VectorSql.column("factors")
                + " from item_factor where model_version_id = ?")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, versionId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    int index = Arrays.binarySearch(ids, rs.getLong(1));
                    if (index >= 0) {
                        // stored zero-padded to the column's width: the model's own dimensions are the first
                        System.arraycopy(VectorSql.read(rs, 2), 0, values, index * factors, factors);
                    }
                }
            }
        }
        return values;
    }

    private void neighbours(long versionId, long[] ids, int[][] neighbours, float[][] similarities) throws SQLException {
        try (var ps = connection.prepareStatement(
                "select item_id, neighbour_ids, similarities from item_neighbours where model_version_id = ?")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, versionId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    int index = Arrays.binarySearch(ids, rs.getLong(1));
                    if (index < 0) {
                        continue;
                    }
                    Long[] neighbourIds = (Long[]) rs.getArray(2).getArray();
                    Float[] values = (Float[]) rs.getArray(3).getArray();
                    int[] at = new int[neighbourIds.length];
                    float[] sims = new float[neighbourIds.length];
                    int size = 0;
                    for (int n = 0; n < neighbourIds.length; n++) {
                        int neighbour = Arrays.binarySearch(ids, neighbourIds[n]);
                        if (neighbour >= 0) {
                            at[size] = neighbour;
                            sims[size++] = values[n];
                        }
                    }
                    neighbours[index] = Arrays.copyOf(at, size);
                    similarities[index] = Arrays.copyOf(sims, size);
                }
            }
        }
    }

    /** The version's item × item models (EASE, RP3beta) by source; a source it has no rows of is absent. */
    private Map<Source, ItemWeights> itemWeights(long versionId, long[] ids) throws SQLException {
        var targets = new java.util.EnumMap<Source, int[][]>(Source.class);
        var weights = new java.util.EnumMap<Source, float[][]>(Source.class);
        try (var ps = connection.prepareStatement(
                "select source, item_id, target_ids, weights from item_weights where model_version_id = ?")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, versionId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    Source source = "ease".equals(rs.getString(1)) ? Source.EASE : Source.RP3BETA;
                    int index = Arrays.binarySearch(ids, rs.getLong(2));
                    if (index < 0) {
                        continue;
                    }
                    Long[] targetIds = (Long[]) rs.getArray(3).getArray();
                    Float[] values = (Float[]) rs.getArray(4).getArray();
                    int[] at = new int[targetIds.length];
                    float[] w = new float[targetIds.length];
                    int size = 0;
                    for (int n = 0; n < targetIds.length; n++) {
                        int target = Arrays.binarySearch(ids, targetIds[n]);
                        if (target >= 0) {
                            at[size] = target;
                            w[size++] = values[n];
                        }
                    }
                    targets.computeIfAbsent(source, s -> new int[ids.length][])[index] = Arrays.copyOf(at, size);
                    weights.computeIfAbsent(source, s -> new float[ids.length][])[index] = Arrays.copyOf(w, size);
                }
            }
        }
        var models = new java.util.EnumMap<Source, ItemWeights>(Source.class);
        targets.forEach((source, t) -> {
            float[][] w = weights.get(source);
            for (int i = 0; i < t.length; i++) {
                if (t[i] == null) {
                    t[i] = new int[0];
                    w[i] = new float[0];
                }
            }
            models.put(source, new ItemWeights(t, w));
        });
        return models;
    }

    private float[][] vectors(EmbeddingModel model, long generationId, long[] ids) throws SQLException {
        float[][] vectors = new float[ids.length][];
        try (var ps = connection.prepareStatement("select item_id, " + VectorSql.column("embedding") + " from "
                + model.itemTable() + " where generation_id = ?")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, generationId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    int index = Arrays.binarySearch(ids, rs.getLong(1));
                    if (index >= 0) {
                        vectors[index] = RankingModel.unit(VectorSql.read(rs, 2));
                    }
                }
            }
        }
        return vectors;
    }

    private record Ranked(int[] items, float[] scores) {
    }

    private Ranked trending(long catalogueId, long[] ids) throws SQLException {
        var ranked = Trending.compute(connection, catalogueId);
        int[] items = new int[ranked.ids().length];
        float[] scores = new float[items.length];
        int size = 0;
        for (int r = 0; r < items.length; r++) {
            int index = Arrays.binarySearch(ids, ranked.ids()[r]);
            if (index >= 0) {
                items[size] = index;
                scores[size++] = (float) ranked.scores()[r];
            }
        }
        return new Ranked(Arrays.copyOf(items, size), Arrays.copyOf(scores, size));
    }

    /** The stored blend, each weight read as stored, null (absent, or not a number) replaced by the default's. */
    private static BlendWeights blend(String json) {
        if (json == null) {
            return BlendWeights.DEFAULTS;
        }
        var blend = jakarta.json.Json.createReader(new java.io.StringReader(json)).readValue();
        if (!(blend instanceof jakarta.json.JsonObject object)) {
            return BlendWeights.DEFAULTS;
        }
        return BlendWeights.of(number(object, "collaborative"), number(object, "item-to-item"), number(object, "content"),
                number(object, "trending"), number(object, "ease"), number(object, "rp3beta"));
    }

    private static Double number(jakarta.json.JsonObject object, String key) {
        return object.get(key) instanceof jakarta.json.JsonNumber n ? n.doubleValue() : null;
    }
}
