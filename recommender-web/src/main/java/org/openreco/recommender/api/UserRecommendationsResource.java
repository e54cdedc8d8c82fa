package org.openreco.recommender.api;

import jakarta.enterprise.context.ApplicationScoped;
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

/** Recommendations for one user (each storefront path has its own root resource, see {@link EventsResource}). */
@Path("catalogues/{catalogue}/users/{user}/recommendations")
@CatalogueKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
@ApplicationScoped
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearerKey")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "500", ref = "InternalError"), @APIResponse(responseCode = "503", ref = "Unavailable")})
public class UserRecommendationsResource {

    @Inject
    Recommendations recommendations;

    @GET
    @Operation(summary = "Items for a user",
            description = "n (1–100, default 10), category (repeatable, any of), exclude (item ids), attr.<key>=<value>, "
                    + "diversity (0–1, default 0: MMR re-ranking on the items' vectors, higher = more varied). Items the user "
                    + "has not interacted with from the sources collaborative, content, item-to-item and trending, blended with "
                    + "the active model's weights (before the first model: content, then trending). Each item names its source "
                    + "and a reason. Impressions are logged under the answer's requestId.")
    @APIResponse(responseCode = "200")
    public RecommendationsJson recommend(@PathParam("catalogue") String catalogue, @PathParam("user") String user,
            @Context UriInfo uri) {
        return RecommendationsJson.of(recommendations.forUser(catalogue, user,
                RecommendationParameters.of(uri.getQueryParameters())));
    }
}
