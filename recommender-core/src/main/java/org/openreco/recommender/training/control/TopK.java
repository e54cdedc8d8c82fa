package org.openreco.recommender.training.control;

/**
 * The k best items of a score array, best first. Ties are broken by the lower item index, so that a
 * ranking is a pure function of the scores. NaN scores are never selected.
 */
public final class TopK {

    private TopK() {
    }

    /** Top k of all items except the row {@code user} of {@code seen} (when seen is not null). */
    public static int[] select(float[] scores, int k, InteractionMatrix seen, int user) {
        if (seen != null) {
            for (int e = seen.rowStart(user); e < seen.rowEnd(user); e++) {
                scores[seen.column(e)] = Float.NaN; // cheaper than a lookup per item; the caller's array is scratch
            }
        }
        return select(scores, k);
    }

    /** Top k item indices by score, ties by lower index; fewer when fewer items have a score. */
    public static int[] select(float[] scores, int k) {
        // a min-heap of the best k so far: O(n log k), no boxing
        int[] heap = new int[Math.max(0, Math.min(k, scores.length))];
        int size = 0;
        float floor = Float.NEGATIVE_INFINITY; // the worst kept score once the heap is full
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (s != s || s < floor) { // NaN: excluded; below the floor: cannot enter
                continue;
            }
            size = offer(heap, size, i, scores);
            floor = floor(heap, size, scores);
        }
        return sorted(heap, size, scores);
    }

    /**
     * Top k of the items {@code eligible} accepts, as if the others had no score; the test is asked only
     * of items good enough to enter the k best so far, so a costly filter is asked far fewer times than
     * there are items.
     */
    public static int[] select(float[] scores, int k, java.util.function.IntPredicate eligible) {
        int[] heap = new int[Math.max(0, Math.min(k, scores.length))];
        int size = 0;
        float floor = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (s != s || s < floor || (size == heap.length && (size == 0 || !better(i, heap[0], scores))) || !eligible.test(i)) {
                continue;
            }
            size = offer(heap, size, i, scores);
            floor = floor(heap, size, scores);
        }
        return sorted(heap, size, scores);
    }

    /**
     * Top k among the first {@code count} indices of {@code candidates} (each once), by the same order as
     * the other selections: the heap's order is total, so the result does not depend on the order the
     * candidates come in.
     */
    public static int[] select(float[] scores, int k, int[] candidates, int count) {
        int[] heap = new int[Math.max(0, Math.min(k, count))];
        int size = 0;
        float floor = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            int i = candidates[c];
            float s = scores[i];
            if (s != s || s < floor) {
                continue;
            }
            size = offer(heap, size, i, scores);
            floor = floor(heap, size, scores);
        }
        return sorted(heap, size, scores);
    }

    /**
     * The score an item must reach to be offered: the heap's worst once it is full (an equal score may still
     * enter by the lower index), else minus infinity. A local copy spares most items the heap's comparisons.
     */
    private static float floor(int[] heap, int size, float[] scores) {
        return size == heap.length && size > 0 ? scores[heap[0]] : Float.NEGATIVE_INFINITY;
    }

    /** Puts item i into the min-heap of the best so far if it belongs there; the heap's new size. */
    private static int offer(int[] heap, int size, int i, float[] scores) {
        if (size < heap.length) {
            heap[size] = i;
            siftUp(heap, size, scores);
            return size + 1;
        }
        if (size > 0 && better(i, heap[0], scores)) {
            heap[0] = i;
            siftDown(heap, size, scores);
        }
        return size;
    }

    /** The heap's items best first: the worst is popped first and fills the result from the back. */
    private static int[] sorted(int[] heap, int size, float[] scores) {
        int[] out = new int[size];
        for (int n = size - 1; n >= 0; n--) {
            out[n] = heap[0];
            heap[0] = heap[n];
            siftDown(heap, n, scores);
        }
        return out;
    }

    /** Whether item a ranks before item b. */
    static boolean better(int a, int b, float[] scores) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }

    private static void siftUp(int[] heap, int at, float[] scores) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!better(heap[parent], heap[at], scores)) {
                break;
            }
            int t = heap[parent];
            heap[parent] = heap[at];
            heap[at] = t;
            at = parent;
        }
    }

    private static void siftDown(int[] heap, int size, float[] scores) {
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            if (left >= size) {
                return;
            }
            int worst = left + 1 < size && better(heap[left], heap[left + 1], scores) ? left + 1 : left;
            if (!better(heap[at], heap[worst], scores)) {
                return;
            }
            int t = heap[worst];
            heap[worst] = heap[at];
            heap[at] = t;
            at = worst;
        }
    }
}
