package org.openreco.recommender.platform.boundary;

import java.util.Set;

/**
 * Something every user's recommendations in a catalogue depend on changed: an item was hidden or
 * deleted, another collaborative model or embedding generation became active, the catalogue was
 * renamed or deleted. A CDI event like {@link UsersChanged}, and like it heard by the other nodes with
 * {@code remote} set; {@code what} says which change, for logs.
 */
public record CatalogueChanged(long catalogueId, String what, boolean remote) {

    public static final String ITEMS_HIDDEN = "items hidden";
    public static final String ITEM_SHOWN = "item shown";
    public static final String ITEM_HIDDEN = "item hidden";
    public static final String ITEM_DELETED = "item deleted";
    public static final String RENAMED = "renamed";
    public static final String DELETED = "deleted";
    private static final Set<String> AVAILABILITY = Set.of(ITEMS_HIDDEN, ITEM_SHOWN, ITEM_HIDDEN, ITEM_DELETED);

    /** A change made on this node. */
    public CatalogueChanged(long catalogueId, String what) {
        this(catalogueId, what, false);
    }

    /**
     * Whether only items' availability changed. Exact texts only: the other nodes may hear several changes
     * merged into one ("item hidden and 2 more"), and those must count as a change of everything.
     */
    public boolean availabilityOnly() {
        return AVAILABILITY.contains(what);
    }

    /** Whether the catalogue no longer goes by the name it had (renamed or deleted). */
    public boolean nameGone() {
        return RENAMED.equals(what) || DELETED.equals(what);
    }
}
