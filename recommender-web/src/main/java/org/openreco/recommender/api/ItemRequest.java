package org.openreco.recommender.api;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.openreco.recommender.catalog.boundary.ItemData;

/**
 * An item as a storefront sends it. In a batch externalId names the item; for PUT the path does.
 * Fields left out keep their stored value; title is always required.
 */
public record ItemRequest(String externalId, String title, String description, List<String> categories,
        List<String> tags, JsonObject attributes, Boolean available, Instant publishedAt) {

    ItemData toData(String id) {
        return new ItemData(id, title, description, categories, tags,
                attributes == null ? null : attributes.toString(), available, publishedAt);
    }
}
