package org.openreco.recommender.ranking;

import org.openreco.recommender.recommendations.entity.Source;

/**
 * An item of a ranked list: its index, blended score, the source that contributed most, and the
 * user's item that explains it (an index, −1: none).
 */
public record Ranked(int item, double score, Source source, int anchor) {
}
