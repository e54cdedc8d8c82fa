package org.openreco.recommender.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.users.boundary.UserData;
import org.openreco.recommender.users.boundary.Users;

/** Storefront users: upsert, read, forget. */
@Path("catalogues/{catalogue}/users")
@CatalogueKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearerKey")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "500", ref = "InternalError"), @APIResponse(responseCode = "503", ref = "Unavailable")})
public class UsersResource {

    @Inject
    Users users;

    @PathParam("catalogue")
    String catalogue;

    @PUT
    @Path("{externalId}")
    @BodyLimit(64 * 1024)
    @Operation(summary = "Create or update a user", description = "Fields left out keep their stored value.")
    @APIResponse(responseCode = "200")
    public UserJson upsert(@PathParam("externalId") String externalId, UserRequest request) {
        var data = request == null ? new UserData(externalId, null, null)
                : new UserData(externalId, request.profileText(),
                        request.attributes() == null ? null : request.attributes().toString());
        return UserJson.of(users.upsert(catalogue, data));
    }

    @GET
    @Path("{externalId}")
    @Operation(summary = "One user")
    @APIResponse(responseCode = "200")
    public UserJson get(@PathParam("externalId") String externalId) {
        return UserJson.of(users.get(catalogue, externalId));
    }

    @DELETE
    @Path("{externalId}")
    @Operation(summary = "Forget a user and all their interactions")
    @APIResponse(responseCode = "204", description = "Deleted with their interactions")
    public Response delete(@PathParam("externalId") String externalId) {
        users.delete(catalogue, externalId);
        return Response.noContent().build();
    }
}
