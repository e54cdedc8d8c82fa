package org.openreco.recommender.evaluation.control;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.openreco.recommender.embedding.control.TasteFold;
import org.openreco.recommender.training.control.CatalogueInteractions;
import org.openreco.recommender.ranking.BlendWeights;
import org.openreco.recommender.ranking.Ranked;
import org.openreco.recommender.ranking.RankingModel;
import org.openreco.recommender.ranking.RankingPipeline;
import org.openreco.recommender.ranking.RankingUser;
import org.openreco.recommender.ranking.TrendingRanking;
import org.openreco.recommender.training.control.AlsModel;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.ItemNeighbours;

/**
 * The ranking pipeline over a split's training part: the model holds what training on that part learnt
 * (iALS item factors, item neighbours, trending over its rows, the items' content vectors), a user is
 * what serving would know of them had the training part been all their history (factors, taste as the
 * weighted sum of their items' unit vectors, recent items by time, seen items). Every list the hybrid's
 * metrics count comes from {@link RankingPipeline#rank}, the code storefronts are served by.
 */
final class SplitRanking {

    private final RankingModel model;
    private final InteractionMatrix train;
    private final AlsModel als;
    private final int[][] recent;
    private final int[][] disliked;
    private final IntFunction<float[]> taste;

    private SplitRanking(RankingModel model, InteractionMatrix train, AlsModel als, int[][] recent, int[][] disliked,
            IntFunction<float[]> taste) {
        this.model = model;
        this.train = train;
        this.als = als;
        this.recent = recent;
        this.disliked = disliked;
        this.taste = taste;
    }

    /**
     * @param rows        the log's rows of the training part (positives)
     * @param itemVectors per item its content vector (null entries: none), or null
     * @param negatives   the pairs summing to ≤ 0 (seen, and counted by trending and taste), or null
     */
    static SplitRanking of(Split split, int[] rows, InteractionMatrix train, AlsModel als, ItemNeighbours neighbours,
            float[][] itemVectors, CatalogueInteractions.Feedback negatives, double halfLifeDays, BlendWeights weights) {
        InteractionLog log = split.log();
        int items = log.itemCount();
        int negativeCount = negatives == null ? 0 : negatives.size();
        int[] item = new int[rows.length + negativeCount];
        float[] weight = new float[item.length];
        long[] time = new long[item.length];
        for (int n = 0; n < rows.length; n++) {
            item[n] = log.item(rows[n]);
            weight[n] = log.weight(rows[n]);
            time[n] = log.time(rows[n]);
        }
        for (int n = 0; n < negativeCount; n++) {
            item[rows.length + n] = negatives.items()[n];
            weight[rows.length + n] = negatives.weights()[n];
            time[rows.length + n] = negatives.times()[n];
        }
        var trending = TrendingRanking.of(items, item, weight, time, item.length);
        int[][] neighbourIds = null;
        float[][] similarities = null;
        if (neighbours != null) {
            neighbourIds = new int[items][];
            similarities = new float[items][];
            for (int i = 0; i < items; i++) {
                neighbourIds[i] = i < neighbours.itemCount() ? neighbours.neighbours(i) : new int[0];
                similarities[i] = i < neighbours.itemCount() ? neighbours.similarities(i) : new float[0];
            }
        }
        int[] newest = IntStream.range(0, items).map(i -> items - 1 - i).toArray();
        var model = new RankingModel(items, als == null ? 0 : als.factors(), als == null ? null : als.itemFactors(),
                neighbourIds, similarities, trending.items(), trending.scores(),
                itemVectors == null ? null : RankingModel.unit(itemVectors), newest, weights);
        int[][] byUser = log.rowsByUser(rows);
        int[][] disliked = new int[log.userCount()][];
        java.util.List<TasteFold.Event>[] dislikes = new java.util.List[log.userCount()];
        for (int n = 0; n < negativeCount; n++) {
            int u = negatives.users()[n];
            disliked[u] = disliked[u] == null ? new int[] {negatives.items()[n]}
                    : IntStream.concat(Arrays.stream(disliked[u]), IntStream.of(negatives.items()[n])).toArray();
            float[] v = itemVectors == null ? null : itemVectors[negatives.items()[n]];
            if (v != null) {
                (dislikes[u] = dislikes[u] == null ? new java.util.ArrayList<>() : dislikes[u])
                        .add(new TasteFold.Event(negatives.weights()[n], Instant.ofEpochSecond(negatives.times()[n]), v));
            }
        }
        var fold = TasteFold.halfLifeDays(halfLifeDays);
        IntFunction<float[]> taste = u -> {
            if (itemVectors == null) {
                return null;
            }
            var events = new java.util.ArrayList<TasteFold.Event>();
            for (int r : byUser[u]) {
                float[] v = itemVectors[log.item(r)];
                if (v != null) {
                    events.add(new TasteFold.Event(log.weight(r), Instant.ofEpochSecond(log.time(r)), v));
                }
            }
            if (dislikes[u] != null) {
                events.addAll(dislikes[u]);
            }
            return events.isEmpty() ? null : TasteFold.blend(fold.fold(TasteFold.Taste.none(events.getFirst().itemVector().length),
                    events), null, 0);
        };
        return new SplitRanking(model, train, als, recentByUser(log, byUser), disliked, taste);
    }

    /** The same state with the users' taste vectors as stored (the platform's own, for the lists served now). */
    SplitRanking withTastes(IntFunction<float[]> stored) {
        return new SplitRanking(model, train, als, recent, disliked, stored);
    }

    /** The same state with other blend weights. */
    SplitRanking weighted(BlendWeights weights) {
        return new SplitRanking(model.withWeights(weights), train, als, recent, disliked, taste);
    }

    /** The same state with item × item models trained on the same part (EASE, RP3beta; absent ones left out). */
    SplitRanking withItemWeights(java.util.Map<org.openreco.recommender.recommendations.entity.Source, ItemNeighbours> tables) {
        var weights = new java.util.EnumMap<org.openreco.recommender.recommendations.entity.Source,
                org.openreco.recommender.ranking.ItemWeights>(org.openreco.recommender.recommendations.entity.Source.class);
        tables.forEach((source, table) -> {
            if (table != null) {
                weights.put(source, table.asItemWeights(model.items()));
            }
        });
        return new SplitRanking(model.withItemWeights(weights), train, als, recent, disliked, taste);
    }

    RankingModel model() {
        return model;
    }

    /** User u as serving would see them. */
    RankingUser user(int u) {
        int[] seen = train.rowColumns(u);
        if (disliked[u] != null) {
            seen = IntStream.concat(Arrays.stream(seen), Arrays.stream(disliked[u])).toArray();
        }
        if (seen.length == 0) {
            return RankingUser.UNKNOWN;
        }
        boolean folded = als != null && train.rowLength(u) > 0;
        return new RankingUser(folded ? als.userVector(u) : null, taste.apply(u), recent[u], seen);
    }

    /** The pipeline's list for a user, as the evaluator ranks it. */
    int[] rank(int u, int k) {
        return RankingPipeline.rank(model, user(u), i -> true, k, 0, null).stream().mapToInt(Ranked::item).toArray();
    }

    /** Per user their most recent items of the rows, newest first (ties: the later row), at most HISTORY. */
    private static int[][] recentByUser(InteractionLog log, int[][] byUser) {
        int[][] recent = new int[byUser.length][];
        for (int u = 0; u < byUser.length; u++) {
            recent[u] = Arrays.stream(byUser[u]).boxed()
                    .sorted(Comparator.comparingLong((Integer r) -> log.time(r)).thenComparingInt(r -> r).reversed())
                    .limit(RankingPipeline.HISTORY).mapToInt(log::item).toArray();
        }
        return recent;
    }
}
