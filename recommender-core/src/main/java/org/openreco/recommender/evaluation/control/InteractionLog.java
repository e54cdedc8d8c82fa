package org.openreco.recommender.evaluation.control;

import java.util.Arrays;
import org.openreco.recommender.training.control.IdIndex;
import org.openreco.recommender.training.control.InteractionMatrix;

/**
 * Interactions as parallel primitive columns (user index, item index, weight, time in epoch seconds),
 * in the order they were added, with the id maps. Splits are index sets over these rows; a matrix of
 * any subset keeps the full users × items dimensions, so indices agree between train and test.
 */
public final class InteractionLog {

    private final IdIndex userIds = new IdIndex();
    private final IdIndex itemIds = new IdIndex();
    private int[] users = new int[1024];
    private int[] items = new int[1024];
    private float[] weights = new float[1024];
    private long[] times = new long[1024];
    private int size;

    public InteractionLog add(String user, String item, double weight, long time) {
        if (size == users.length) {
            int capacity = size * 2;
            users = Arrays.copyOf(users, capacity);
            items = Arrays.copyOf(items, capacity);
            weights = Arrays.copyOf(weights, capacity);
            times = Arrays.copyOf(times, capacity);
        }
        users[size] = userIds.add(user);
        items[size] = itemIds.add(item);
        weights[size] = (float) weight;
        times[size++] = time;
        return this;
    }

    /** Registers an item without an interaction (a catalogue item nobody touched still counts for coverage). */
    public int addItem(String item) {
        return itemIds.add(item);
    }

    public int size() {
        return size;
    }

    public int user(int row) {
        return users[row];
    }

    public int item(int row) {
        return items[row];
    }

    public float weight(int row) {
        return weights[row];
    }

    public long time(int row) {
        return times[row];
    }

    public int userCount() {
        return userIds.size();
    }

    public int itemCount() {
        return itemIds.size();
    }

    public IdIndex userIds() {
        return userIds;
    }

    public IdIndex itemIds() {
        return itemIds;
    }

    /** Users × items of the given rows (repeated pairs summed, non-positive sums dropped). */
    public InteractionMatrix matrix(int[] rows) {
        int[] u = new int[rows.length];
        int[] i = new int[rows.length];
        float[] w = new float[rows.length];
        for (int n = 0; n < rows.length; n++) {
            u[n] = users[rows[n]];
            i[n] = items[rows[n]];
            w[n] = weights[rows[n]];
        }
        return InteractionMatrix.of(userCount(), itemCount(), u, i, w, rows.length);
    }

    /** The given rows grouped by user: result[u] holds user u's rows, ascending. */
    public int[][] rowsByUser(int[] rows) {
        int[] counts = new int[userCount()];
        for (int r : rows) {
            counts[users[r]]++;
        }
        int[][] byUser = new int[userCount()][];
        for (int u = 0; u < byUser.length; u++) {
            byUser[u] = new int[counts[u]];
        }
        int[] sorted = rows.clone();
        Arrays.sort(sorted);
        int[] fill = new int[userCount()];
        for (int r : sorted) {
            byUser[users[r]][fill[users[r]]++] = r;
        }
        return byUser;
    }

    /** Every row index, 0..size-1. */
    public int[] allRows() {
        int[] rows = new int[size];
        Arrays.setAll(rows, r -> r);
        return rows;
    }
}
