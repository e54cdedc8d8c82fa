package org.openreco.recommender.evaluation.control;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
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

    private SplitRanking(RankingModel model, InteractionMatrix train, AlsModel als, int[][] recent) {
        this.model = model;
        this.train = train;
        this.als = als;
        this.recent = recent;
    }

    /**
     * @param unitVectors per item its unit content vector (null entries: none), or null
     */
    static SplitRanking of(Split split, int[] rows, InteractionMatrix train, AlsModel als, ItemNeighbours neighbours,
            float[][] unitVectors, BlendWeights weights) {
        InteractionLog log = split.log();
        int items = log.itemCount();
        int[] item = new int[rows.length];
        float[] weight = new float[rows.length];
        long[] time = new long[rows.length];
        for (int n = 0; n < rows.length; n++) {
            item[n] = log.item(rows[n]);
            weight[n] = log.weight(rows[n]);
            time[n] = log.time(rows[n]);
        }
        var trending = TrendingRanking.of(items, item, weight, time, rows.length);
        int[][] neighbourIds = null;
        float[][] similarities = null;
        if (neighbours != null) {
            neighbourIds = new int[items][];
            similarities = new float[items][];
            for (int i = 0; i < items; i++) {
                neighbourIds[i] = neighbours.neighbours(i);
                similarities[i] = neighbours.similarities(i);
            }
        }
        int[] newest = IntStream.range(0, items).map(i -> items - 1 - i).toArray();
        var model = new RankingModel(items, als == null ? 0 : als.factors(), als == null ? null : als.itemFactors(),
                neighbourIds, similarities, trending.items(), trending.scores(), unitVectors, newest, weights);
        return new SplitRanking(model, train, als, recentByUser(log, rows));
    }

    /** The same state with other blend weights. */
    SplitRanking weighted(BlendWeights weights) {
        var m = model;
        return new SplitRanking(new RankingModel(m.items(), m.factors(), m.itemFactors(), m.neighbours(), m.similarities(),
                m.trending(), m.trendingScores(), m.unitVectors(), m.newest(), weights), train, als, recent);
    }

    RankingModel model() {
        return model;
    }

    /** User u as serving would see them. */
    RankingUser user(int u) {
        int[] seen = train.rowColumns(u);
        if (seen.length == 0) {
            return RankingUser.UNKNOWN;
        }
        float[] taste = null;
        if (model.hasVectors()) {
            double[] sum = null;
            for (int e = train.rowStart(u); e < train.rowEnd(u); e++) {
                float[] v = model.unitVectors()[train.column(e)];
                if (v != null) {
                    sum = sum == null ? new double[v.length] : sum;
                    for (int f = 0; f < v.length; f++) {
                        sum[f] += train.value(e) * v[f];
                    }
                }
            }
            if (sum != null) {
                taste = new float[sum.length];
                for (int f = 0; f < sum.length; f++) {
                    taste[f] = (float) sum[f];
                }
            }
        }
        return new RankingUser(als == null ? null : als.userVector(u), taste, recent[u], seen);
    }

    /** The pipeline's list for a user, as the evaluator ranks it. */
    int[] rank(int u, int k) {
        return RankingPipeline.rank(model, user(u), i -> true, k, 0, null).stream().mapToInt(Ranked::item).toArray();
    }

    /** Per user their most recent items of the rows, newest first (ties: the later row), at most HISTORY. */
    private static int[][] recentByUser(InteractionLog log, int[] rows) {
        int[][] byUser = log.rowsByUser(rows);
        int[][] recent = new int[byUser.length][];
        for (int u = 0; u < byUser.length; u++) {
            recent[u] = Arrays.stream(byUser[u]).boxed()
                    .sorted(Comparator.comparingLong((Integer r) -> log.time(r)).thenComparingInt(r -> r).reversed())
                    .limit(RankingPipeline.HISTORY).mapToInt(log::item).toArray();
        }
        return recent;
    }
}
