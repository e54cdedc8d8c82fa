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

/** Semantic search with the catalogue's embedding model. */
@Path("catalogues/{catalogue}/search")
@CatalogueKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearerKey")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "500", ref = "InternalError"), @APIResponse(responseCode = "503", ref = "Unavailable")})
public class SearchResource {

    @Inject
    Recommendations recommendations;

    @GET
    @Operation(summary = "Semantic search", description = "q (required, any language the catalogue's model knows), "
            + "user (optional: leans the results towards the user's taste), n and the filters of recommendations.")
    @APIResponse(responseCode = "200")
    public RecommendationsJson search(@PathParam("catalogue") String catalogue, @Context UriInfo uri) {
        var parameters = uri.getQueryParameters();
        return RecommendationsJson.of(recommendations.search(catalogue, parameters.getFirst("q"), parameters.getFirst("user"),
                RecommendationParameters.of(parameters)));
    }
}
