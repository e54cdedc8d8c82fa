package org.openreco.recommender.training.control;

import java.util.Arrays;

/**
 * A sparse rows × columns matrix of positive interaction weights in compressed sparse row form:
 * row r's entries are {@code columns[rowStart[r] .. rowStart[r+1])} with their {@code values}, columns
 * ascending within a row. Users × items as built; {@link #transpose()} gives items × users (the CSC
 * view the item half-steps of ALS read). Immutable.
 *
 * <p>Building sums the weights of repeated (row, column) pairs and then drops every cell whose sum is
 * not positive: a dislike or a low rating says "not this", which is not a preference an implicit model
 * can learn as positive; such items are simply unobserved for training (the seen-filter of serving
 * works on the raw events, not on this matrix).
 */
public final class InteractionMatrix {

    private final int rows;
    private final int cols;
    private final int[] rowStart;
    private final int[] columns;
    private final float[] values;

    InteractionMatrix(int rows, int cols, int[] rowStart, int[] columns, float[] values) {
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /**
     * The matrix of the first {@code count} triples (row[t], col[t], weight[t]); dimensions are given so
     * that rows or columns without any entry (e.g. items seen only in a test split) keep their index.
     */
    public static InteractionMatrix of(int rows, int cols, int[] row, int[] col, float[] weight, int count) {
        // counting sort by row, then sort each row by column and merge duplicates: O(n log d) overall
        int[] start = new int[rows + 1];
        for (int t = 0; t < count; t++) {
            if (row[t] < 0 || row[t] >= rows || col[t] < 0 || col[t] >= cols) {
                throw new IllegalArgumentException("triple " + t + " (" + row[t] + ", " + col[t] + ") outside " + rows + " × " + cols);
            }
            start[row[t] + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            start[r + 1] += start[r];
        }
        int[] next = Arrays.copyOf(start, rows);
        long[] packed = new long[count]; // column in the high bits, triple index low: sorts by column, stable
        for (int t = 0; t < count; t++) {
            packed[next[row[t]]++] = ((long) col[t] << 32) | t;
        }
        int[] outStart = new int[rows + 1];
        int[] outCols = new int[count];
        float[] outVals = new float[count];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            Arrays.sort(packed, start[r], start[r + 1]);
            int k = start[r];
            while (k < start[r + 1]) {
                int c = (int) (packed[k] >>> 32);
                double sum = 0;
                for (; k < start[r + 1] && (int) (packed[k] >>> 32) == c; k++) {
                    sum += weight[(int) packed[k]];
                }
                if (sum > 0) {
                    outCols[n] = c;
                    outVals[n++] = (float) sum;
                }
            }
            outStart[r + 1] = n;
        }
        return new InteractionMatrix(rows, cols, outStart, Arrays.copyOf(outCols, n), Arrays.copyOf(outVals, n));
    }

    /** Items × users of the same entries (counting sort by column: O(nnz)). */
    public InteractionMatrix transpose() {
        int[] start = new int[cols + 1];
        for (int c : columns) {
            start[c + 1]++;
        }
        for (int c = 0; c < cols; c++) {
            start[c + 1] += start[c];
        }
        int[] next = Arrays.copyOf(start, cols);
        int[] tCols = new int[columns.length];
        float[] tVals = new float[columns.length];
        for (int r = 0; r < rows; r++) { // rows ascending, so each transposed row comes out sorted
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                int at = next[columns[k]]++;
                tCols[at] = r;
                tVals[at] = values[k];
            }
        }
        return new InteractionMatrix(cols, rows, start, tCols, tVals);
    }

    /** The same entries with every value 1 (binarised). */
    public InteractionMatrix binarised() {
        float[] ones = new float[values.length];
        Arrays.fill(ones, 1f);
        return new InteractionMatrix(rows, cols, rowStart, columns, ones);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int nonZeros() {
        return columns.length;
    }

    /** First entry of the row; its entries run to {@code rowEnd(r)} (exclusive). */
    public int rowStart(int r) {
        return rowStart[r];
    }

    public int rowEnd(int r) {
        return rowStart[r + 1];
    }

    public int rowLength(int r) {
        return rowStart[r + 1] - rowStart[r];
    }

    /** Column of entry k. */
    public int column(int k) {
        return columns[k];
    }

    /** Value of entry k. */
    public float value(int k) {
        return values[k];
    }

    /** The row's columns (a copy), ascending. */
    public int[] rowColumns(int r) {
        return Arrays.copyOfRange(columns, rowStart[r], rowStart[r + 1]);
    }

    /** Whether (r, c) holds an entry (binary search within the row). */
    public boolean contains(int r, int c) {
        return Arrays.binarySearch(columns, rowStart[r], rowStart[r + 1], c) >= 0;
    }

    /** Number of entries per column: for a users × items matrix, each item's user count. */
    public int[] columnCounts() {
        int[] counts = new int[cols];
        for (int c : columns) {
            counts[c]++;
        }
        return counts;
    }
}
