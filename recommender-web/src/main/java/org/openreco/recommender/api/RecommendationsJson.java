package org.openreco.recommender.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.openreco.recommender.recommendations.boundary.Recommendation;
import org.openreco.recommender.recommendations.boundary.RecommendationList;

/**
 * Every recommendation answer: the request id to send back with the events it leads to (CTR), and the
 * items, best first.
 */
@JsonbPropertyOrder({"requestId", "items"})
public record RecommendationsJson(String requestId, List<Item> items) {

    @JsonbPropertyOrder({"itemId", "title", "categories", "score", "source", "reason"})
    public record Item(String itemId, String title, List<String> categories, double score, String source, String reason) {
    }

    static RecommendationsJson of(RecommendationList list) {
        return new RecommendationsJson(list.requestId().toString(), list.items().stream().map(RecommendationsJson::item).toList());
    }

    private static Item item(Recommendation r) {
        return new Item(r.itemId(), r.title(), r.categories(), r.score(), r.source(), r.reason());
    }
}
