package org.openreco.recommender.recommendations.control;

import java.util.List;

/**
 * Vector arithmetic for queries, and pgvector's text form: vectors are bound as {@code '[x,y,…]'} with
 * {@code cast(? as vector)} and read as text, so plain JDBC needs no driver extension.
 */
public final class Vectors {

    private Vectors() {
    }

    public static String text(float[] v) {
        var text = new StringBuilder(v.length * 12).append('[');
        for (int i = 0; i < v.length; i++) {
            text.append(i == 0 ? "" : ",").append(v[i]);
        }
        return text.append(']').toString();
    }

    public static float[] parse(String text) {
        String body = text.strip();
        body = body.substring(1, body.length() - 1);
        if (body.isBlank()) {
            return new float[0];
        }
        String[] parts = body.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }

    public static float[] mean(List<float[]> vectors) {
        float[] sum = new float[vectors.getFirst().length];
        for (float[] v : vectors) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        return scaled(sum, 1f / vectors.size());
    }

    /**
     * Qdrant's "average vector" strategy: avg(positive) + (avg(positive) − avg(negative)), i.e. move past
     * the liked items' centre away from the disliked ones; without negatives just the positives' centre.
     */
    public static float[] towardsAndAway(List<float[]> positive, List<float[]> negative) {
        float[] pos = mean(positive);
        if (negative.isEmpty()) {
            return normalized(pos);
        }
        float[] neg = mean(negative);
        float[] target = new float[pos.length];
        for (int i = 0; i < pos.length; i++) {
            target[i] = 2 * pos[i] - neg[i];
        }
        return normalized(target);
    }

    /** (1 − share)·a + share·b of the two unit vectors, renormalised: a query nudged towards a user's taste. */
    public static float[] blend(float[] a, float[] b, float share) {
        float[] mix = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            mix[i] = (1 - share) * a[i] + share * b[i];
        }
        return normalized(mix);
    }

    public static float[] normalized(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        return norm == 0 ? v.clone() : scaled(v, (float) (1 / Math.sqrt(norm)));
    }

    private static float[] scaled(float[] v, float factor) {
        float[] s = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = v[i] * factor;
        }
        return s;
    }
}
