package org.openreco.recommender.platform.boundary;

/**
 * Something every user's recommendations in a catalogue depend on changed: an item was hidden or
 * deleted, another collaborative model or embedding generation became active, the catalogue was
 * renamed or deleted. A CDI event like {@link UsersChanged}, and like it heard by the other nodes with
 * {@code remote} set; {@code what} says which change, for logs.
 */
public record CatalogueChanged(long catalogueId, String what, boolean remote) {

    /** A change made on this node. */
    public CatalogueChanged(long catalogueId, String what) {
        this(catalogueId, what, false);
    }
}
