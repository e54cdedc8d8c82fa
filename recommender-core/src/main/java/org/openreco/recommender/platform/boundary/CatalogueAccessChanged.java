package org.openreco.recommender.platform.boundary;

/**
 * What every storefront call reads before its own work changed: the catalogue's settings, or one of its API
 * keys was revoked. Heard by the other nodes like {@link CatalogueChanged} ({@code remote} set), so that their
 * caches of settings and keys drop the catalogue at once; recommendations themselves do not depend on it.
 */
public record CatalogueAccessChanged(long catalogueId, boolean remote) {

    /** A change made on this node. */
    public CatalogueAccessChanged(long catalogueId) {
        this(catalogueId, false);
    }
}
