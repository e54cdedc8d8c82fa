package org.openreco.recommender.training.control;

import java.util.Arrays;

/**
 * Collects (user, item, weight) triples by external id into growing primitive arrays and builds the
 * users × items {@link InteractionMatrix}; the id maps translate indices back.
 */
public final class InteractionTriples {

    private final IdIndex users = new IdIndex();
    private final IdIndex items = new IdIndex();
    private int[] rows = new int[1024];
    private int[] cols = new int[1024];
    private float[] weights = new float[1024];
    private int count;

    public InteractionTriples add(String user, String item, double weight) {
        if (count == rows.length) {
            int capacity = count * 2;
            rows = Arrays.copyOf(rows, capacity);
            cols = Arrays.copyOf(cols, capacity);
            weights = Arrays.copyOf(weights, capacity);
        }
        rows[count] = users.add(user);
        cols[count] = items.add(item);
        weights[count++] = (float) weight;
        return this;
    }

    public IdIndex users() {
        return users;
    }

    public IdIndex items() {
        return items;
    }

    public int size() {
        return count;
    }

    /** Users × items, repeated pairs summed, non-positive sums dropped (see {@link InteractionMatrix}). */
    public InteractionMatrix matrix() {
        return InteractionMatrix.of(users.size(), items.size(), rows, cols, weights, count);
    }
}
