package org.openreco.recommender.embedding.control;

import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Vectors to and from pgvector in binary: written as a {@code real[]} parameter (the driver sends float4
 * arrays in binary) cast to {@code vector}, read with {@code vector_send} (dimensions, then big-endian
 * floats). Neither side formats or parses decimal text, which was a third of a user batch's time.
 */
public final class VectorSql {

    /** The placeholder of a vector parameter. */
    public static final String PARAMETER = "cast(cast(? as real[]) as vector)";

    private VectorSql() {
    }

    /** The select expression that reads a vector column for {@link #read}. */
    public static String column(String column) {
        return "vector_send(" + column + ")";
    }

    public static void bind(PreparedStatement statement, int index, float[] vector) throws SQLException {
        if (vector == null) {
            statement.setNull(index, Types.ARRAY);
            return;
        }
        Float[] boxed = new Float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            boxed[i] = vector[i];
        }
        statement.setArray(index, statement.getConnection().createArrayOf("float4", boxed));
    }

    public static float[] read(ResultSet rows, int column) throws SQLException {
        return decode(rows.getBytes(column));
    }

    /** pgvector's binary form: int16 dimensions, int16 unused, then the floats. */
    static float[] decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        var buffer = ByteBuffer.wrap(bytes);
        int dimensions = buffer.getShort();
        buffer.getShort();
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = buffer.getFloat();
        }
        return vector;
    }
}
