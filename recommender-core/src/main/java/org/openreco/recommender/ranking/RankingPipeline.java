package org.openreco.recommender.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.function.IntPredicate;
import org.openreco.recommender.recommendations.entity.Source;
import org.openreco.recommender.training.control.TopK;

/**
 * A user's ranked list: candidates from every source the blend weighs and the user has what it needs for,
 * {@link #CANDIDATES_PER_RESULT} per result each, each source's scores put on one scale
 * ({@link SourceLists}) and summed with the blend weights; MMR diversity when asked; filled with trending,
 * then the newest items, when the sources leave fewer than n; the user's item that explains each.
 * Ties go to the lower item index, so a list is a pure function of its inputs. Cold start follows from
 * what the user has: nothing (trending), a taste or recent items (content, item-to-item), factors
 * (collaborative).
 */
public final class RankingPipeline {

    /** Candidates each source proposes per result asked for (twice as many when diversifying). */
    public static final int CANDIDATES_PER_RESULT = 3;
    /** Recent items the item-to-item source and the explanations look at. */
    public static final int HISTORY = 50;

    private RankingPipeline() {
    }

    /**
     * The ranked list.
     *
     * @param eligible  the request's filters (availability, categories, attributes, exclusions); the
     *                  user's seen items are left out on top of it
     * @param ahead     the sources' rankings found ahead or elsewhere (null, or a null ranking: scan what
     *                  the model holds)
     */
    public static List<Ranked> rank(RankingModel model, RankingUser user, IntPredicate eligible, int n, double diversity,
            Ahead ahead) {
        BitSet seen = new BitSet(model.items());
        for (int item : user.seen()) {
            seen.set(item);
        }
        IntPredicate candidate = i -> !seen.get(i) && eligible.test(i);
        int perSource = CANDIDATES_PER_RESULT * n * (diversity > 0 ? 2 : 1);
        List<Ranked> blended = blend(candidates(model, user, candidate, perSource, ahead, model.weights()), model.weights());
        var shown = new ArrayList<Ranked>(n);
        for (int index : DiversityReranker.rerank(blended.stream().mapToDouble(Ranked::score).toArray(),
                diversityVectors(model, blended), diversity, n)) {
            shown.add(blended.get(index));
        }
        fill(model, candidate, n, shown);
        return explained(model, user, shown);
    }

    /** Each weighed source's candidates among the eligible items (a source of weight 0 is not asked). */
    public static SourceLists candidates(RankingModel model, RankingUser user, IntPredicate eligible, int perSource,
            Ahead ahead, BlendWeights weights) {
        var lists = new SourceLists();
        var content = ahead == null ? null : ahead.content();
        var collaborative = ahead == null ? null : ahead.collaborative();
        if (weights.collaborative() > 0 && model.hasFactors() && user.factors() != null) {
            var ranked = collaborative != null ? collaborative : collaborativeRanking(model, user.factors(), eligible, perSource);
            putEligible(lists, Source.COLLABORATIVE, ranked, eligible, perSource);
        }
        if (weights.content() > 0 && user.taste() != null) {
            var ranked = content != null ? content : model.hasVectors() ? contentRanking(model, user.taste(), eligible, perSource) : null;
            if (ranked != null) {
                putEligible(lists, Source.CONTENT, ranked, eligible, perSource);
            }
        }
        if (weights.itemToItem() > 0 && model.hasNeighbours() && user.recent().length > 0) {
            itemToItem(model, user, eligible, perSource, lists);
        }
        for (var walk : model.itemWeights().entrySet()) {
            if (weights.of(walk.getKey()) > 0 && user.recent().length > 0) {
                summed(walk.getKey(), walk.getValue().targets(), walk.getValue().weights(), model.items(), user, eligible,
                        perSource, lists);
            }
        }
        if (weights.trending() > 0) {
            int[] items = new int[perSource];
            float[] scores = new float[perSource];
            int size = 0;
            for (int r = 0; r < model.trending().length && size < perSource; r++) {
                if (eligible.test(model.trending()[r])) {
                    items[size] = model.trending()[r];
                    scores[size++] = model.trendingScores()[r];
                }
            }
            if (size > 0) {
                lists.put(Source.TRENDING, Arrays.copyOf(items, size), Arrays.copyOf(scores, size), minusOnes(size));
            }
        }
        return lists;
    }

    /**
     * Every item's inner product with the user's factors, over the factor-major copy: a register's width
     * of items at a time with the Vector API (no sum across lanes per item), else one factor at a time over
     * all items. Each item's sum runs in factor order either way.
     */
    static float[] innerProducts(RankingModel model, float[] u) {
        int n = model.items();
        float[] columns = model.factorColumns();
        float[] scores = new float[n];
        if (VECTOR_API) {
            VectorDot.innerProducts(columns, n, model.factors(), u, scores);
            return scores;
        }
        for (int f = 0; f < model.factors(); f++) {
            float weight = u[f];
            int base = f * n;
            for (int i = 0; i < n; i++) {
                scores[i] += weight * columns[base + i];
            }
        }
        return scores;
    }

    /**
     * The content source's ranking over the model's vectors: the {@code k} eligible items with the highest
     * cosine to the taste, best first (ties to the lower index); complete when fewer than {@code k} qualify.
     * Serving computes it ahead for each user (eligible: not seen), so that a request reads it instead of
     * scanning every vector.
     */
    public static SourceRanking contentRanking(RankingModel model, float[] taste, IntPredicate eligible, int k) {
        float[] unitTaste = RankingModel.unit(taste);
        if (unitTaste == null || !model.hasVectors()) {
            return SourceRanking.NONE;
        }
        float[] scores = scratch(model.items());
        float[][] vectors = model.unitVectors();
        int qualifying = 0;
        for (int i = 0; i < model.items(); i++) {
            if (vectors[i] != null && eligible.test(i)) {
                scores[i] = dot(vectors[i], unitTaste);
                qualifying++;
            }
        }
        int[] top = TopK.select(scores, k);
        float[] raw = new float[top.length];
        for (int r = 0; r < top.length; r++) {
            raw[r] = scores[top[r]];
        }
        return new SourceRanking(top, raw, minusOnes(top.length), qualifying <= k);
    }

    /**
     * The collaborative source's ranking: the {@code k} eligible items of the highest inner product with the
     * user's factors, best first (ties to the lower index); complete when fewer than {@code k} qualify.
     */
    public static SourceRanking collaborativeRanking(RankingModel model, float[] factors, IntPredicate eligible, int k) {
        float[] scores = innerProducts(model, factors);
        int[] top = TopK.select(scores, k, eligible);
        float[] raw = new float[top.length];
        for (int r = 0; r < top.length; r++) {
            raw[r] = scores[top[r]];
        }
        // every item has a score: fewer than k means every eligible item is in
        return new SourceRanking(top, raw, minusOnes(top.length), top.length < k);
    }

    /** The first {@code perSource} eligible items of a ranking found elsewhere, in its order. */
    private static void putEligible(SourceLists lists, Source source, SourceRanking ranked, IntPredicate eligible,
            int perSource) {
        int[] items = new int[Math.min(perSource, ranked.items().length)];
        float[] scores = new float[items.length];
        int[] anchors = new int[items.length];
        int size = 0;
        for (int r = 0; r < ranked.items().length && size < items.length; r++) {
            if (eligible.test(ranked.items()[r])) {
                items[size] = ranked.items()[r];
                scores[size] = ranked.scores()[r];
                anchors[size++] = ranked.anchors()[r];
            }
        }
        if (size > 0) {
            lists.put(source, Arrays.copyOf(items, size), Arrays.copyOf(scores, size), Arrays.copyOf(anchors, size));
        }
    }

    /**
     * The candidates merged per item, best first: the sum of weight × normalised score over the sources
     * that propose it; an item keeps the source that contributed most, and its anchor. Sources of weight 0
     * are left out.
     */
    public static List<Ranked> blend(SourceLists lists, BlendWeights weights) {
        var merged = new HashMap<Integer, double[]>(); // item -> {total, best share, source ordinal, anchor}
        for (var entry : lists.all().entrySet()) {
            double weight = weights.of(entry.getKey());
            if (weight <= 0) {
                continue;
            }
            var listed = entry.getValue();
            for (int r = 0; r < listed.items().length; r++) {
                double share = weight * listed.scores()[r];
                double[] sum = merged.computeIfAbsent(listed.items()[r], i -> new double[] {0, -1, -1, -1});
                sum[0] += share;
                if (share > sum[1]) {
                    sum[1] = share;
                    sum[2] = entry.getKey().ordinal();
                    sum[3] = listed.anchors()[r];
                }
            }
        }
        var blended = new ArrayList<Ranked>(merged.size());
        Source[] sources = Source.values();
        merged.forEach((item, sum) -> blended.add(new Ranked(item, sum[0], sources[(int) sum[2]], (int) sum[3])));
        blended.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score()) : Integer.compare(a.item(), b.item()));
        return blended;
    }

    /** Trending, then the newest items, after the list's own, until it holds n. */
    public static void fill(RankingModel model, IntPredicate candidate, int n, List<Ranked> shown) {
        if (shown.size() >= n) {
            return;
        }
        var taken = new BitSet(model.items());
        shown.forEach(r -> taken.set(r.item()));
        for (int r = 0; r < model.trending().length && shown.size() < n; r++) {
            int item = model.trending()[r];
            if (!taken.get(item) && candidate.test(item)) {
                taken.set(item);
                shown.add(new Ranked(item, model.trendingScores()[r], Source.TRENDING, -1));
            }
        }
        for (int r = 0; r < model.newest().length && shown.size() < n; r++) {
            int item = model.newest()[r];
            if (!taken.get(item) && candidate.test(item)) {
                taken.set(item);
                shown.add(new Ranked(item, 0, Source.LATEST, -1));
            }
        }
    }

    /**
     * Sums, per eligible neighbour of the user's recent items, the similarities; its anchor is the recent
     * item it is most similar to.
     */
    private static void itemToItem(RankingModel model, RankingUser user, IntPredicate eligible, int perSource,
            SourceLists lists) {
        summed(Source.ITEM_TO_ITEM, model.neighbours(), model.similarities(), model.items(), user, eligible, perSource, lists);
    }

    /**
     * A source of item × item weights (neighbours' similarities, EASE, RP3beta): sums, per eligible item
     * the user's recent items point to, the weights; its anchor is the recent item that gave the most.
     */
    private static void summed(Source source, int[][] targets, float[][] weights, int items, RankingUser user,
            IntPredicate eligible, int perSource, SourceLists lists) {
        var sums = Sums.of(items);
        float[] scores = sums.scores;
        float[] strongest = sums.strongest;
        int[] anchors = sums.anchors;
        int touched = 0;
        try {
            for (int h : user.recent()) {
                int[] neighbours = targets[h];
                float[] similarities = weights[h];
                for (int j = 0; neighbours != null && j < neighbours.length; j++) {
                    int item = neighbours[j];
                    if (!eligible.test(item)) {
                        continue;
                    }
                    if (scores[item] != scores[item]) { // NaN: first time proposed
                        scores[item] = similarities[j];
                        strongest[item] = similarities[j];
                        anchors[item] = h;
                        sums.touched = touchedAdd(sums, touched++, item);
                    } else {
                        scores[item] += similarities[j];
                        if (similarities[j] > strongest[item]) {
                            strongest[item] = similarities[j];
                            anchors[item] = h;
                        }
                    }
                }
            }
            int[] top = TopK.select(scores, perSource, sums.touched, touched);
            float[] raw = new float[top.length];
            int[] anchor = new int[top.length];
            for (int r = 0; r < top.length; r++) {
                raw[r] = scores[top[r]];
                anchor[r] = anchors[top[r]];
            }
            if (top.length > 0) {
                lists.put(source, top, raw, anchor);
            }
        } finally {
            for (int t = 0; t < touched; t++) {
                scores[sums.touched[t]] = Float.NaN;
            }
        }
    }

    private static int[] touchedAdd(Sums sums, int at, int item) {
        int[] touched = at < sums.touched.length ? sums.touched : Arrays.copyOf(sums.touched, sums.touched.length * 2);
        touched[at] = item;
        return touched;
    }

    /**
     * A thread's scratch for summed sources: scores NaN (not proposed) but for the items a call touched,
     * which it resets. Reused, because a fresh set of item-sized arrays per source and answer costs more
     * than the sums themselves.
     */
    private static final class Sums {
        private static final ThreadLocal<Sums> BY_THREAD = new ThreadLocal<>();
        final float[] scores;
        final float[] strongest;
        final int[] anchors;
        int[] touched = new int[256];

        private Sums(int items) {
            scores = new float[items];
            Arrays.fill(scores, Float.NaN);
            strongest = new float[items];
            anchors = new int[items];
        }

        static Sums of(int items) {
            var sums = BY_THREAD.get();
            if (sums == null || sums.scores.length != items) {
                sums = new Sums(items);
                BY_THREAD.set(sums);
            }
            return sums;
        }
    }

    private static void put(SourceLists lists, Source source, float[] scores, int perSource, int[] anchors) {
        int[] top = TopK.select(scores, perSource);
        if (top.length == 0) {
            return;
        }
        float[] raw = new float[top.length];
        for (int r = 0; r < top.length; r++) {
            raw[r] = scores[top[r]];
        }
        lists.put(source, top, raw, anchors != null ? anchors : minusOnes(top.length));
    }

    /** The explanation of each shown item where its source left none: the recent item it resembles most. */
    private static List<Ranked> explained(RankingModel model, RankingUser user, List<Ranked> shown) {
        var explained = new ArrayList<Ranked>(shown.size());
        for (Ranked r : shown) {
            int anchor = r.anchor();
            if (anchor < 0 && r.source() == Source.COLLABORATIVE && model.hasFactors()) {
                anchor = nearest(user.recent(), h -> factorCosine(model, h, r.item()));
            } else if (anchor < 0 && r.source() == Source.CONTENT && model.hasVectors()) {
                float[] target = model.unitVectors()[r.item()];
                anchor = target == null ? -1 : nearest(user.recent(),
                        h -> model.unitVectors()[h] == null ? Float.NaN : dot(model.unitVectors()[h], target));
            }
            explained.add(anchor == r.anchor() ? r : new Ranked(r.item(), r.score(), r.source(), anchor));
        }
        return explained;
    }

    /** The recent item of the highest similarity (NaN: not comparable); −1 when none is comparable. */
    private static int nearest(int[] recent, java.util.function.IntToDoubleFunction similarity) {
        int best = -1;
        double bestSimilarity = Double.NEGATIVE_INFINITY;
        for (int h : recent) {
            double s = similarity.applyAsDouble(h);
            if (s == s && s > bestSimilarity) {
                bestSimilarity = s;
                best = h;
            }
        }
        return best;
    }

    /** The cosine of two items' collaborative factors; NaN when one of them is all zeros. */
    private static double factorCosine(RankingModel model, int a, int b) {
        float[] f = model.itemFactors();
        int k = model.factors();
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int d = 0; d < k; d++) {
            double x = f[a * k + d];
            double y = f[b * k + d];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? Double.NaN : ab / Math.sqrt(aa * bb);
    }

    private static float[] factorsOf(RankingModel model, int item) {
        return Arrays.copyOfRange(model.itemFactors(), item * model.factors(), (item + 1) * model.factors());
    }

    /** MMR compares items by content where the model holds vectors, else by their collaborative factors. */
    private static float[][] diversityVectors(RankingModel model, List<Ranked> blended) {
        var vectors = new float[blended.size()][];
        for (int r = 0; r < vectors.length; r++) {
            int item = blended.get(r).item();
            vectors[r] = model.hasVectors() ? model.unitVectors()[item] : model.hasFactors() ? factorsOf(model, item) : null;
        }
        return vectors;
    }

    /** A score per item, NaN (not a candidate) until set. */
    private static float[] scratch(int items) {
        float[] scores = new float[items];
        Arrays.fill(scores, Float.NaN);
        return scores;
    }

    static float dot(float[] a, float[] b) {
        return dot(a, 0, b, b.length);
    }

    /** Whether this JVM has the Vector API; decided once, so training and serving in it sum alike. */
    private static final boolean VECTOR_API = vectorApi();

    private static boolean vectorApi() {
        var log = java.util.logging.Logger.getLogger(RankingPipeline.class.getName());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            log.info("ranking dot products in plain loops: the JVM runs without --add-modules=jdk.incubator.vector");
            return false;
        }
        try {
            VectorDot.dot(new float[] {1, 2}, 0, new float[] {3, 4}, 2);
            log.info("ranking dot products with the Vector API");
            return true;
        } catch (LinkageError e) {
            log.info("ranking dot products in plain loops: the Vector API is not visible here (" + e + ")");
            return false;
        }
    }

    /** a[from..from+length) · b[0..length): every source of the pipeline scores through it. */
    static float dot(float[] a, int from, float[] b, int length) {
        return VECTOR_API ? VectorDot.dot(a, from, b, length) : scalarDot(a, from, b, length);
    }

    /**
     * In four interleaved partial sums: independent additions keep the CPU's floating-point units busy
     * where one running sum waits for each addition (the JIT does not reorder float sums itself).
     */
    static float scalarDot(float[] a, int from, float[] b, int length) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int d = 0;
        for (; d + 3 < length; d += 4) {
            s0 += a[from + d] * b[d];
            s1 += a[from + d + 1] * b[d + 1];
            s2 += a[from + d + 2] * b[d + 2];
            s3 += a[from + d + 3] * b[d + 3];
        }
        for (; d < length; d++) {
            s0 += a[from + d] * b[d];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static int[] minusOnes(int size) {
        int[] values = new int[size];
        Arrays.fill(values, -1);
        return values;
    }
}
