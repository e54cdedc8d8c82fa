package org.openreco.recommender.ranking;

import java.time.Duration;
import java.util.Arrays;

/**
 * What "trending" means: per item the sum of its interactions' weights, each halved per
 * {@link #HALF_LIFE} of age, over the {@link #WINDOW} before the latest interaction (not before now: a
 * catalogue that went quiet, or an imported history, still has a "this week"); items outside the window
 * follow by all-time weight, below every item of the window; at most {@link #RANKED} items; ties by the
 * lower item index. Serving computes the same in SQL over the catalogue's events; this computes it over
 * rows held in memory (a training split).
 */
public final class TrendingRanking {

    public static final Duration HALF_LIFE = Duration.ofDays(3);
    public static final Duration WINDOW = Duration.ofDays(7);
    public static final int RANKED = 1_000;

    /** The ranking: item indices best first and their scores (0 for the all-time followers). */
    public record Ranking(int[] items, float[] scores) {
    }

    private TrendingRanking() {
    }

    /**
     * @param items   per row its item index
     * @param weights per row its weight
     * @param times   per row its time in epoch seconds
     */
    public static Ranking of(int itemCount, int[] items, float[] weights, long[] times, int rows) {
        long latest = Long.MIN_VALUE;
        for (int r = 0; r < rows; r++) {
            latest = Math.max(latest, times[r]);
        }
        double[] decayed = new double[itemCount];
        double[] windowWeight = new double[itemCount];
        double[] total = new double[itemCount];
        boolean[] inWindow = new boolean[itemCount];
        for (int r = 0; r < rows; r++) {
            total[items[r]] += weights[r];
            double age = latest - times[r];
            if (age < WINDOW.toSeconds()) {
                inWindow[items[r]] = true;
                windowWeight[items[r]] += weights[r];
                decayed[items[r]] += weights[r] * Math.pow(0.5, age / HALF_LIFE.toSeconds());
            }
        }
        Integer[] windowed = java.util.stream.IntStream.range(0, itemCount)
                .filter(i -> inWindow[i] && windowWeight[i] > 0).boxed().toArray(Integer[]::new);
        Arrays.sort(windowed, (a, b) -> decayed[a] != decayed[b] ? Double.compare(decayed[b], decayed[a]) : Integer.compare(a, b));
        int size = Math.min(RANKED, windowed.length);
        int[] ranked = new int[RANKED];
        float[] scores = new float[RANKED];
        boolean[] taken = new boolean[itemCount];
        for (int r = 0; r < size; r++) {
            ranked[r] = windowed[r];
            scores[r] = (float) decayed[windowed[r]];
            taken[windowed[r]] = true;
        }
        if (size < RANKED) {
            Integer[] allTime = java.util.stream.IntStream.range(0, itemCount).filter(i -> !taken[i] && total[i] > 0)
                    .boxed().toArray(Integer[]::new);
            Arrays.sort(allTime, (a, b) -> total[a] != total[b] ? Double.compare(total[b], total[a]) : Integer.compare(a, b));
            for (int r = 0; r < allTime.length && size < RANKED; r++) {
                ranked[size++] = allTime[r];
            }
        }
        return new Ranking(Arrays.copyOf(ranked, size), Arrays.copyOf(scores, size));
    }
}
