package org.openreco.recommender.catalog.boundary;

import java.time.Instant;
import java.util.List;

/**
 * An item as a storefront or an import sends it. Null fields of an existing item keep their stored
 * value on upsert; attributes is a JSON object as text.
 */
public record ItemData(String externalId, String title, String description, List<String> categories,
        List<String> tags, String attributes, Boolean available, Instant publishedAt) {
}
