package org.openreco.recommender.recommendations.boundary;

import java.util.List;
import java.util.UUID;

/**
 * One answer: its request id (the impressions are stored under it; events that carry it attribute
 * clicks to them) and the items, best first.
 */
public record RecommendationList(UUID requestId, List<Recommendation> items) {
}
