package org.openreco.recommender.evaluation.control;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * The ways of splitting a log into training and test rows. Each keeps every row in exactly one part;
 * the per-user ones keep at least one row of every user in training, so that every test user has a
 * history to be scored from.
 */
public final class Splitter {

    private Splitter() {
    }

    /**
     * Per user, round(n · ratio) random rows to test (at most n − 1), the rest to training. Users are
     * visited in index order and their rows shuffled by one seeded generator, so equal seeds give equal
     * splits.
     */
    public static Split randomHoldout(InteractionLog log, double ratio, long seed) {
        return randomHoldout(log, log.allRows(), ratio, seed);
    }

    static Split randomHoldout(InteractionLog log, int[] rows, double ratio, long seed) {
        if (ratio < 0 || ratio >= 1) {
            throw new IllegalArgumentException("ratio must be in [0, 1)");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[][] byUser = log.rowsByUser(rows);
        Parts parts = new Parts(rows.length);
        for (int[] userRows : byUser) {
            int n = userRows.length;
            int testCount = Math.min(n - 1, (int) Math.round(n * ratio));
            // Fisher–Yates on the first testCount positions is enough: they become the test rows
            for (int t = 0; t < testCount; t++) {
                int pick = t + random.nextInt(n - t);
                int tmp = userRows[t];
                userRows[t] = userRows[pick];
                userRows[pick] = tmp;
            }
            for (int t = 0; t < n; t++) {
                parts.put(userRows[t], t < testCount);
            }
        }
        return parts.split(log);
    }

    /**
     * Per user, the last {@code n} rows by time (ties by row order) to test, the rest to training;
     * users with n rows or fewer stay wholly in training.
     */
    public static Split leaveLastOut(InteractionLog log, int n) {
        return leaveLastOut(log, log.allRows(), n);
    }

    /** The same within the given rows only (e.g. a validation split of a training part). */
    public static Split leaveLastOut(InteractionLog log, int[] rows, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be ≥ 1");
        }
        int[][] byUser = log.rowsByUser(rows);
        Parts parts = new Parts(log.size());
        for (int[] userRows : byUser) {
            int len = userRows.length;
            int[] sorted = sortByTime(log, userRows);
            for (int t = 0; t < len; t++) {
                parts.put(sorted[t], len > n && t >= len - n);
            }
        }
        return parts.split(log);
    }

    /** Rows before {@code cut} (epoch seconds) to training, the others to test. */
    public static Split timeCut(InteractionLog log, long cut) {
        Parts parts = new Parts(log.size());
        for (int r = 0; r < log.size(); r++) {
            parts.put(r, log.time(r) >= cut);
        }
        return parts.split(log);
    }

    /**
     * The latest round(ratio · n) of the rows by time (ties by row order) to test, the others to training:
     * a global time cut at the share of the data rather than at a date, so equal logs give equal splits.
     */
    public static Split timeCut(InteractionLog log, int[] rows, double ratio) {
        if (ratio < 0 || ratio >= 1) {
            throw new IllegalArgumentException("ratio must be in [0, 1)");
        }
        int[] sorted = sortByTime(log, rows);
        int testCount = (int) Math.round(sorted.length * ratio);
        Parts parts = new Parts(log.size());
        for (int t = 0; t < sorted.length; t++) {
            parts.put(sorted[t], t >= sorted.length - testCount);
        }
        return parts.split(log);
    }

    /**
     * The split a training request names ({@code random}, {@code leave-last:N}, {@code time-cut}) of the given
     * rows; seed only for random.
     */
    public static Split of(InteractionLog log, int[] rows, String kind, int leaveLast, double ratio, long seed) {
        return switch (kind) {
            case "random" -> randomHoldout(log, rows, ratio, seed);
            case "leave-last" -> leaveLastOut(log, rows, leaveLast);
            case "time-cut" -> timeCut(log, rows, ratio);
            default -> throw new IllegalArgumentException("no split " + kind);
        };
    }

    private static int[] sortByTime(InteractionLog log, int[] rows) {
        int[] sorted = rows.clone();
        // (time, row) pairs: row order breaks ties, so the split is a function of the log alone
        long[][] pairs = new long[sorted.length][];
        for (int t = 0; t < sorted.length; t++) {
            pairs[t] = new long[] {log.time(sorted[t]), sorted[t]};
        }
        Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (int t = 0; t < sorted.length; t++) {
            sorted[t] = (int) pairs[t][1];
        }
        return sorted;
    }

    /** Collects which rows go to test, then emits both parts in ascending row order. */
    private static final class Parts {
        private final BitSet all;
        private final BitSet test;

        Parts(int rows) {
            all = new BitSet(rows);
            test = new BitSet(rows);
        }

        void put(int row, boolean toTest) {
            all.set(row);
            if (toTest) {
                test.set(row);
            }
        }

        Split split(InteractionLog log) {
            BitSet train = (BitSet) all.clone();
            train.andNot(test);
            return new Split(log, train.stream().toArray(), test.stream().toArray());
        }
    }
}
