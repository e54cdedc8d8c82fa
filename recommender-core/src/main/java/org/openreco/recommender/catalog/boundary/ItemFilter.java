package org.openreco.recommender.catalog.boundary;

/** Narrows an item listing: text in the title or external id, and a category; nulls match all. */
public record ItemFilter(String text, String category) {

    public static ItemFilter none() {
        return new ItemFilter(null, null);
    }
}
