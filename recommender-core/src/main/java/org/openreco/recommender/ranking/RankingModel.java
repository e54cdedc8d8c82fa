package org.openreco.recommender.ranking;

import java.util.Map;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * A catalogue's ranking state, by item index 0..items-1: what every source scores with. Immutable once
 * built; a change is a new model. Any part may be absent (null): no collaborative model yet, no
 * neighbours, no content vectors in memory (content then comes from outside, see
 * {@link SourceRanking}).
 *
 * @param items          number of items
 * @param factors        dimensions of the collaborative factors (0: none)
 * @param itemFactors    items × factors, row-major, or null
 * @param neighbours     per item its trained neighbours' indices, or null
 * @param similarities   per item its neighbours' similarities, aligned with {@code neighbours}
 * @param trending       item indices by trending score, best first (never null; may be empty)
 * @param trendingScores their scores, aligned
 * @param unitVectors    per item its content vector scaled to length 1 (null entries: none), or null
 * @param newest         item indices newest first: the fill when trending runs out (never null)
 * @param weights        the tuned blend of the sources
 * @param itemWeights    the item × item models by source (EASE, RP3beta); absent: not trained
 * @param factorColumns  the item factors factor-major (factors × items), derived from {@code itemFactors}:
 *                       scoring every item then runs along contiguous memory, a register's width at a time
 */
public record RankingModel(int items, int factors, float[] itemFactors, int[][] neighbours, float[][] similarities,
        int[] trending, float[] trendingScores, float[][] unitVectors, int[] newest, BlendWeights weights,
        Map<Source, ItemWeights> itemWeights, float[] factorColumns) {

    /** Without item × item models. */
    public RankingModel(int items, int factors, float[] itemFactors, int[][] neighbours, float[][] similarities,
            int[] trending, float[] trendingScores, float[][] unitVectors, int[] newest, BlendWeights weights) {
        this(items, factors, itemFactors, neighbours, similarities, trending, trendingScores, unitVectors, newest, weights,
                Map.of());
    }

    public RankingModel(int items, int factors, float[] itemFactors, int[][] neighbours, float[][] similarities,
            int[] trending, float[] trendingScores, float[][] unitVectors, int[] newest, BlendWeights weights,
            Map<Source, ItemWeights> itemWeights) {
        this(items, factors, itemFactors, neighbours, similarities, trending, trendingScores, unitVectors, newest, weights,
                itemWeights, columns(items, factors, itemFactors));
    }

    public RankingModel {
        // by source, in the enum's order: the pipeline asks the sources in a fixed order
        itemWeights = itemWeights.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(itemWeights));
        if (itemFactors != null && itemFactors.length != items * factors) {
            throw new IllegalArgumentException(items + " items × " + factors + " factors, but " + itemFactors.length + " values");
        }
        if (trending.length != trendingScores.length || (neighbours == null) != (similarities == null)) {
            throw new IllegalArgumentException("misaligned trending or neighbour arrays");
        }
    }

    public boolean hasFactors() {
        return itemFactors != null;
    }

    public boolean hasNeighbours() {
        return neighbours != null;
    }

    public boolean hasVectors() {
        return unitVectors != null;
    }

    /** The same state with other content vectors (a new embedding generation, or new items' vectors). */
    public RankingModel withVectors(float[][] vectors) {
        return new RankingModel(items, factors, itemFactors, neighbours, similarities, trending, trendingScores, vectors,
                newest, weights, itemWeights, factorColumns);
    }

    /** The same state with another trending ranking. */
    public RankingModel withTrending(int[] ranked, float[] scores) {
        return new RankingModel(items, factors, itemFactors, neighbours, similarities, ranked, scores, unitVectors, newest,
                weights, itemWeights, factorColumns);
    }

    /** The same state with another blend. */
    public RankingModel withWeights(BlendWeights blend) {
        return new RankingModel(items, factors, itemFactors, neighbours, similarities, trending, trendingScores, unitVectors,
                newest, blend, itemWeights, factorColumns);
    }

    /** The same state with item × item models (by source). */
    public RankingModel withItemWeights(Map<Source, ItemWeights> models) {
        return new RankingModel(items, factors, itemFactors, neighbours, similarities, trending, trendingScores, unitVectors,
                newest, weights, models, factorColumns);
    }

    private static float[] columns(int items, int factors, float[] rows) {
        if (rows == null) {
            return null;
        }
        float[] columns = new float[rows.length];
        for (int i = 0; i < items; i++) {
            for (int f = 0; f < factors; f++) {
                columns[f * items + i] = rows[i * factors + f];
            }
        }
        return columns;
    }

    /** Vectors scaled to length 1; null entries and zero vectors stay null. */
    public static float[][] unit(float[][] vectors) {
        float[][] unit = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            unit[i] = unit(vectors[i]);
        }
        return unit;
    }

    /** The vector scaled to length 1; null for null or a zero vector. */
    public static float[] unit(float[] v) {
        if (v == null) {
            return null;
        }
        double norm = 0;
        for (float f : v) {
            norm += (double) f * f;
        }
        if (norm == 0) {
            return null;
        }
        float[] unit = new float[v.length];
        double scale = 1 / Math.sqrt(norm);
        for (int f = 0; f < v.length; f++) {
            unit[f] = (float) (v[f] * scale);
        }
        return unit;
    }
}
