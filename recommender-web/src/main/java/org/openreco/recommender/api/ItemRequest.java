package org.openreco.recommender.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.openreco.recommender.catalog.boundary.ItemData;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/**
 * An item as a storefront sends it. In a batch externalId names the item; for PUT the path does.
 * Fields left out keep their stored value; title is always required.
 */
public record ItemRequest(String externalId, String title, String description, List<String> categories,
        List<String> tags, JsonObject attributes, JsonValue available,
        Instant publishedAt) {

    ItemData toData(String id) {
        return new ItemData(id, title, description, categories, tags,
                attributes == null ? null : attributes.toString(), bool(available), publishedAt);
    }

    /** JSON true or false only: JSON-B would read any string as a boolean ("maybe" as false). */
    private static Boolean bool(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new InvalidInputException("available", "must be true or false");
    }
}
