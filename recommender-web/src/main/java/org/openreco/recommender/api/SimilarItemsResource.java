package org.openreco.recommender.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.recommendations.boundary.Recommendations;

/** Items similar to one item, by vector. */
@Path("catalogues/{catalogue}/items/{item}/similar")
@CatalogueKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
public class SimilarItemsResource {

    @Inject
    Recommendations recommendations;

    @GET
    @Operation(summary = "Items similar to an item", description = "n (1–100, default 10) and the filters of recommendations.")
    public RecommendationsJson similar(@PathParam("catalogue") String catalogue, @PathParam("item") String item,
            @Context UriInfo uri) {
        return RecommendationsJson.of(recommendations.similarItems(catalogue, item,
                RecommendationParameters.of(uri.getQueryParameters())));
    }
}
