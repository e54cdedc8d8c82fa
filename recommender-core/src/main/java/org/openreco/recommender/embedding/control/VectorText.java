package org.openreco.recommender.embedding.control;

/**
 * Vectors in pgvector's text form {@code [x,y,…]}: bound as a string and cast to {@code vector} in the SQL
 * (pgvector's own JDBC type, bound through the server's pooled connections, reaches PostgreSQL as
 * {@code bytea}: "operator does not exist: vector <=> bytea"), read back with {@code embedding::text}.
 */
public final class VectorText {

    private VectorText() {
    }

    public static String format(float[] vector) {
        if (vector == null) {
            return null;
        }
        var text = new StringBuilder(vector.length * 11 + 2).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(vector[i]);
        }
        return text.append(']').toString();
    }

    public static float[] parse(String text) {
        if (text == null) {
            return null;
        }
        String inner = text.strip();
        inner = inner.substring(1, inner.length() - 1);
        if (inner.isEmpty()) {
            return new float[0];
        }
        String[] parts = inner.split(",");
        float[] vector = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            vector[i] = Float.parseFloat(parts[i]);
        }
        return vector;
    }
}
