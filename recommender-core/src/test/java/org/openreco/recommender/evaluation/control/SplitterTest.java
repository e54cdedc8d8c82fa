package org.openreco.recommender.evaluation.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitterTest {

    /** 60 users with 1 to 30 rows each, random items of 100 and random times. */
    static InteractionLog log() {
        SplittableRandom random = new SplittableRandom(5);
        InteractionLog log = new InteractionLog();
        for (int u = 0; u < 60; u++) {
            int n = 1 + random.nextInt(30);
            for (int r = 0; r < n; r++) {
                log.add("u" + u, "i" + random.nextInt(100), 1, 1_000_000 + random.nextInt(1000));
            }
        }
        return log;
    }

    static void assertPartition(InteractionLog log, Split split, int rows) {
        BitSet seen = new BitSet();
        for (int r : split.train()) {
            assertFalse(seen.get(r));
            seen.set(r);
        }
        for (int r : split.test()) {
            assertFalse(seen.get(r), "row " + r + " in both parts");
            seen.set(r);
        }
        assertEquals(rows, seen.cardinality());
    }

    @Test
    void random_holdout_partitions_each_users_rows_by_the_ratio_and_keeps_one_for_training() {
        InteractionLog log = log();
        Split split = Splitter.randomHoldout(log, 0.2, 42);
        assertPartition(log, split, log.size());
        int[][] train = log.rowsByUser(split.train()), test = log.rowsByUser(split.test());
        for (int u = 0; u < log.userCount(); u++) {
            int n = train[u].length + test[u].length;
            assertEquals(Math.min(n - 1, Math.round(n * 0.2)), test[u].length, "user " + u);
            assertTrue(train[u].length >= 1);
        }
    }

    @Test
    void equal_seeds_give_equal_splits_and_other_seeds_others() {
        InteractionLog log = log();
        Split a = Splitter.randomHoldout(log, 0.2, 42), b = Splitter.randomHoldout(log, 0.2, 42);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.test(), b.test());
        assertFalse(Arrays.equals(a.test(), Splitter.randomHoldout(log, 0.2, 43).test()));
    }

    @Test
    void a_validation_split_divides_the_training_rows_only() {
        InteractionLog log = log();
        Split split = Splitter.randomHoldout(log, 0.2, 42);
        Split validation = split.validation(0.2, 43);
        assertPartition(log, new Split(log, validation.train(), validation.test()), split.train().length);
        BitSet test = new BitSet();
        Arrays.stream(split.test()).forEach(test::set);
        assertTrue(Arrays.stream(validation.train()).noneMatch(test::get));
        assertTrue(Arrays.stream(validation.test()).noneMatch(test::get));
    }

    @Test
    void leave_last_out_tests_each_users_latest_rows() {
        InteractionLog log = log();
        Split split = Splitter.leaveLastOut(log, 2);
        assertPartition(log, split, log.size());
        int[][] train = log.rowsByUser(split.train()), test = log.rowsByUser(split.test());
        for (int u = 0; u < log.userCount(); u++) {
            int n = train[u].length + test[u].length;
            assertEquals(n > 2 ? 2 : 0, test[u].length, "user " + u);
            long latestTrain = Arrays.stream(train[u]).mapToLong(log::time).max().orElse(Long.MIN_VALUE);
            for (int r : test[u]) {
                assertTrue(log.time(r) >= latestTrain);
            }
        }
        assertArrayEquals(split.test(), Splitter.leaveLastOut(log, 2).test());
    }

    @Test
    void leave_last_out_within_training_rows_never_touches_the_test_rows() {
        InteractionLog log = log();
        Split split = Splitter.leaveLastOut(log, 1);
        Split validation = Splitter.leaveLastOut(log, split.train(), 1);
        assertPartition(log, new Split(log, validation.train(), validation.test()), split.train().length);
        BitSet test = new BitSet();
        Arrays.stream(split.test()).forEach(test::set);
        assertTrue(Arrays.stream(validation.test()).noneMatch(test::get));
    }

    @Test
    void a_time_cut_puts_earlier_rows_in_training_and_the_rest_in_test() {
        InteractionLog log = log();
        Split split = Splitter.timeCut(log, 1_000_800);
        assertPartition(log, split, log.size());
        assertTrue(Arrays.stream(split.train()).allMatch(r -> log.time(r) < 1_000_800));
        assertTrue(Arrays.stream(split.test()).allMatch(r -> log.time(r) >= 1_000_800));
    }

    @Test
    void a_time_cut_by_share_tests_the_latest_rows_and_breaks_ties_by_row_order() {
        InteractionLog log = new InteractionLog();
        log.add("a", "x", 1, 50).add("b", "y", 1, 10).add("a", "z", 1, 30).add("c", "x", 1, 30).add("b", "x", 1, 20);
        // by (time, row): b-y 10, b-x 20, a-z 30 (row 2), c-x 30 (row 3), a-x 50; the latest 40 % are rows 3 and 0
        Split split = Splitter.timeCut(log, log.allRows(), 0.4);
        assertArrayEquals(new int[] {1, 2, 4}, split.train());
        assertArrayEquals(new int[] {0, 3}, split.test());
        // within the training rows only, as a validation split is carved
        Split validation = Splitter.timeCut(log, split.train(), 0.34);
        assertArrayEquals(new int[] {1, 4}, validation.train());
        assertArrayEquals(new int[] {2}, validation.test());
    }

    @Test
    void a_split_by_name_is_the_splitter_of_that_kind() {
        InteractionLog log = log();
        assertArrayEquals(Splitter.leaveLastOut(log, 2).test(), Splitter.of(log, log.allRows(), "leave-last", 2, 0.2, 1).test());
        assertArrayEquals(Splitter.randomHoldout(log, 0.2, 9).test(), Splitter.of(log, log.allRows(), "random", 1, 0.2, 9).test());
        assertArrayEquals(Splitter.timeCut(log, log.allRows(), 0.2).test(), Splitter.of(log, log.allRows(), "time-cut", 1, 0.2, 9).test());
    }
}
