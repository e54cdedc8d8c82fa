package org.openreco.recommender.ranking;

import java.util.EnumMap;
import java.util.Map;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * Each source's candidates for one user, best first, with their scores min–max normalised to [0, 1] over
 * that source's own candidates (1 when it scored them all alike: they are all its best). Raw ranges differ
 * wildly between sources (inner products, cosines, sums of similarities, decayed counts); on this scale
 * the blend weights compare them.
 */
public final class SourceLists {

    /** One source's candidates: item indices best first, normalised scores, anchors (−1: none yet). */
    public record Listed(int[] items, float[] scores, int[] anchors) {
    }

    private final Map<Source, Listed> lists = new EnumMap<>(Source.class);

    /** Adds a source's candidates, best first, with their raw scores; normalises them. */
    void put(Source source, int[] items, float[] raw, int[] anchors) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float s : raw) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        float width = max - min;
        float[] scores = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            scores[i] = width > 0 ? (raw[i] - min) / width : 1f;
        }
        lists.put(source, new Listed(items, scores, anchors));
    }

    public Listed of(Source source) {
        return lists.get(source);
    }

    public Map<Source, Listed> all() {
        return lists;
    }
}
