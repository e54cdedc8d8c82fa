package org.openreco.recommender.catalog.boundary;

/** How much one catalogue holds. */
public record CatalogueCounts(long items, long users, long interactions) {
}
