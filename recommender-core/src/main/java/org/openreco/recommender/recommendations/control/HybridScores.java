package org.openreco.recommender.recommendations.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * The hybrid scorer: each source's raw scores (cosines, inner products, neighbour similarity sums,
 * decayed popularity) min–max normalised to [0, 1] over that source's candidates, then summed per item
 * with the blend weights — the same scale the offline evaluation tuned the weights on. An item keeps
 * the source that contributed most to its score, and that source's explanation.
 */
public final class HybridScores {

    private HybridScores() {
    }

    /** One source's proposal of one item, with the history item that explains it (null: none). */
    public record Proposal(long itemId, Source source, double score, String anchor) {
    }

    /** An item's blended score, its main source and that source's explanation. */
    public record Blended(long itemId, double score, Source source, String anchor) {
    }

    /** The proposals merged per item, best first; equal scores keep the order items were first proposed in. */
    public static List<Blended> blend(List<Proposal> proposals, BlendWeights weights) {
        Map<Source, double[]> ranges = new EnumMap<>(Source.class);
        for (Proposal p : proposals) {
            double[] range = ranges.computeIfAbsent(p.source(), s -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
            range[0] = Math.min(range[0], p.score());
            range[1] = Math.max(range[1], p.score());
        }
        record Sum(double[] total, Proposal[] best, double[] bestShare) {
        }
        Map<Long, Sum> items = new LinkedHashMap<>();
        for (Proposal p : proposals) {
            double share = weights.of(p.source()) * normalised(p.score(), ranges.get(p.source()));
            Sum sum = items.computeIfAbsent(p.itemId(), id -> new Sum(new double[1], new Proposal[1], new double[] {-1}));
            sum.total[0] += share;
            if (share > sum.bestShare[0]) {
                sum.best[0] = p;
                sum.bestShare[0] = share;
            }
        }
        var blended = new ArrayList<Blended>(items.size());
        for (var entry : items.entrySet()) {
            Proposal best = entry.getValue().best[0];
            blended.add(new Blended(entry.getKey(), entry.getValue().total[0], best.source(), best.anchor()));
        }
        blended.sort(Comparator.comparingDouble(Blended::score).reversed());
        return blended;
    }

    /** (x − min) / (max − min); 1 when the source scored all its candidates alike (they are all its best). */
    static double normalised(double score, double[] range) {
        double width = range[1] - range[0];
        return width > 0 ? (score - range[0]) / width : 1;
    }
}
