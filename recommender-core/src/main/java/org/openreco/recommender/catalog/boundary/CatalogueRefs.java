package org.openreco.recommender.catalog.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.openreco.recommender.catalog.control.CatalogueCache;
import org.openreco.recommender.platform.boundary.NotFoundException;

/**
 * A catalogue's id and settings by name for storefront calls: from the cache without an EJB call or a
 * transaction, through {@link Catalogues} only when the cache misses. On a request that does little else
 * (reading one item) the EJB container's interceptors cost as much as the work.
 */
@ApplicationScoped
public class CatalogueRefs {

    @Inject
    CatalogueCache cache;

    @Inject
    Catalogues catalogues;

    public Optional<CatalogueRef> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(cache.catalogue(name, () -> catalogues.findRef(name).orElse(null)));
    }

    public CatalogueRef get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("catalogue '" + name + "' does not exist"));
    }
}
