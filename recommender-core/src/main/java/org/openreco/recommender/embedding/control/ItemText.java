package org.openreco.recommender.embedding.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The text an item's vector is encoded from: title, categories, tags and description, in that order,
 * so that the fields the model's 256-token window may cut off are the least telling ones. Blank parts
 * are left out rather than encoded as empty labels.
 */
public final class ItemText {

    private ItemText() {
    }

    public static String of(String title, List<String> categories, List<String> tags, String description) {
        List<String> parts = new ArrayList<>(4);
        addIfPresent(parts, title == null ? null : title.strip());
        addIfPresent(parts, joined(categories));
        addIfPresent(parts, joined(tags));
        addIfPresent(parts, description == null ? null : description.strip());
        return String.join(". ", parts);
    }

    private static String joined(List<String> values) {
        if (values == null) {
            return null;
        }
        return String.join(", ", values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList());
    }

    private static void addIfPresent(List<String> parts, String part) {
        if (part != null && !part.isEmpty()) {
            parts.add(part);
        }
    }
}
