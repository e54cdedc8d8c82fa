package org.openreco.recommender.platform.boundary;

/**
 * Something every user's recommendations in a catalogue depend on changed: an item was hidden or
 * deleted, another collaborative model or embedding generation became active, the catalogue was
 * renamed or deleted. A CDI event like {@link UsersChanged}; {@code what} says which, for logs.
 */
public record CatalogueChanged(long catalogueId, String what) {
}
