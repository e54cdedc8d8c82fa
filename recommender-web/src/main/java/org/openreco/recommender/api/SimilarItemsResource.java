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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.recommendations.boundary.Recommendations;

/** Items similar to one item, by vector. */
@Path("catalogues/{catalogue}/items/{item}/similar")
@CatalogueKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearerKey")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "500", ref = "InternalError"), @APIResponse(responseCode = "503", ref = "Unavailable")})
public class SimilarItemsResource {

    @Inject
    Recommendations recommendations;

    @GET
    @Operation(summary = "Items similar to an item", description = "n (1–100, default 10) and the filters of recommendations.")
    @APIResponse(responseCode = "200")
    public RecommendationsJson similar(@PathParam("catalogue") String catalogue, @PathParam("item") String item,
            @Context UriInfo uri) {
        return RecommendationsJson.of(recommendations.similarItems(catalogue, item,
                RecommendationParameters.of(uri.getQueryParameters())));
    }
}
