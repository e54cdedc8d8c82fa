package org.openreco.recommender.evaluation.control;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over users: the users are drawn with replacement as many times as there are
 * users, the mean taken, {@link #RESAMPLES} times; the 2.5th and 97.5th percentiles of those means bound
 * the 95 % interval. One draw of users serves every metric, so the intervals of one run are of the
 * same resamples. Seeded: an evaluation gives the same intervals every time.
 */
final class Bootstrap {

    static final int RESAMPLES = 1_000;
    private static final long SEED = 20_261_207L;

    private Bootstrap() {
    }

    /**
     * The relative gain of a over b, mean(a) / mean(b) − 1, and its 95 % interval from resampling the users
     * in pairs (each drawn user brings both values): {gain, low, high}. Users with NaN in either are left
     * out; NaN throughout when none is left or b's mean is 0.
     */
    static double[] pairedGain(double[] a, double[] b) {
        int[] users = java.util.stream.IntStream.range(0, a.length).filter(u -> !Double.isNaN(a[u]) && !Double.isNaN(b[u]))
                .toArray();
        if (users.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double sumA = 0, sumB = 0;
        for (int u : users) {
            sumA += a[u];
            sumB += b[u];
        }
        if (sumB == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double[] gains = new double[RESAMPLES];
        var random = new SplittableRandom(SEED);
        for (int r = 0; r < RESAMPLES; r++) {
            double ra = 0, rb = 0;
            for (int n = 0; n < users.length; n++) {
                int u = users[random.nextInt(users.length)];
                ra += a[u];
                rb += b[u];
            }
            gains[r] = rb == 0 ? Double.POSITIVE_INFINITY : ra / rb - 1;
        }
        Arrays.sort(gains);
        return new double[] {sumA / sumB - 1, gains[(int) (RESAMPLES * 0.025)], gains[(int) Math.ceil(RESAMPLES * 0.975) - 1]};
    }

    /**
     * @param values per user (rows) the value of each metric (columns)
     * @return per metric {low, high}; {NaN, NaN} without users
     */
    static double[][] intervals(double[][] values, int metrics) {
        int users = values.length;
        double[][] intervals = new double[metrics][];
        if (users == 0) {
            for (int m = 0; m < metrics; m++) {
                intervals[m] = new double[] {Double.NaN, Double.NaN};
            }
            return intervals;
        }
        double[][] means = new double[metrics][RESAMPLES];
        var random = new SplittableRandom(SEED);
        double[] sums = new double[metrics];
        for (int b = 0; b < RESAMPLES; b++) {
            Arrays.fill(sums, 0);
            for (int n = 0; n < users; n++) {
                double[] user = values[random.nextInt(users)];
                for (int m = 0; m < metrics; m++) {
                    sums[m] += user[m];
                }
            }
            for (int m = 0; m < metrics; m++) {
                means[m][b] = sums[m] / users;
            }
        }
        for (int m = 0; m < metrics; m++) {
            Arrays.sort(means[m]);
            intervals[m] = new double[] {means[m][(int) (RESAMPLES * 0.025)], means[m][(int) Math.ceil(RESAMPLES * 0.975) - 1]};
        }
        return intervals;
    }
}
