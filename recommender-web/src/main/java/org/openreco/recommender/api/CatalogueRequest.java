package org.openreco.recommender.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of create and rename; the name rules live in core, where the console shares them. */
public record CatalogueRequest(
        @Schema(description = "Letters, digits, '.', '_' and '-'; at most 100 characters", examples = "movies", required = true)
        String name) {
}

