package org.openreco.recommender.api;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.openreco.recommender.catalog.entity.Item;

public record ItemJson(String externalId, String title, String description, List<String> categories,
        List<String> tags, JsonObject attributes, boolean available, Instant publishedAt, Instant createdAt,
        Instant updatedAt) {

    static ItemJson of(Item item) {
        return new ItemJson(item.getExternalId(), item.getTitle(), item.getDescription(), item.getCategories(),
                item.getTags(), JsonObjects.parse(item.getAttributes()), item.isAvailable(), item.getPublishedAt(),
                item.getCreatedAt(), item.getUpdatedAt());
    }
}
