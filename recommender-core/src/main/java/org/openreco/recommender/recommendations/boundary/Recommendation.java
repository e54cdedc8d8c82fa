package org.openreco.recommender.recommendations.boundary;

import java.util.List;

/**
 * One recommended item: the storefront's item id, its title and categories, a score (cosine similarity
 * for vector sources, decayed popularity for trending), the source that produced it and why.
 */
public record Recommendation(String itemId, String title, List<String> categories, double score, String source,
        String reason) {
}
