package org.openreco.recommender.api;

import java.time.Instant;
import org.openreco.recommender.catalog.entity.Catalogue;

public record CatalogueJson(String name, Instant createdAt, Instant updatedAt) {

    static CatalogueJson of(Catalogue catalogue) {
        return new CatalogueJson(catalogue.getName(), catalogue.getCreatedAt(), catalogue.getUpdatedAt());
    }
}
