package org.openreco.recommender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.catalog.boundary.ApiKeys;

/** A catalogue's storefront API keys: for the admin (HTTP Basic). */
@Path("catalogues/{catalogue}/api-keys")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogues")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class ApiKeysResource {

    @Inject
    ApiKeys apiKeys;

    @PathParam("catalogue")
    String catalogue;

    @POST
    @Operation(summary = "Create a storefront API key", description = "The answer holds the whole key; it is never shown again.")
    @APIResponse(responseCode = "201", description = "The new key, shown this once")
    public Response create(ApiKeyRequest request) {
        var created = apiKeys.create(catalogue, request == null ? null : request.name());
        return Response.status(Response.Status.CREATED).entity(ApiKeyJson.of(created.apiKey(), created.key())).build();
    }

    @GET
    @Operation(summary = "The catalogue's API keys (prefixes only), newest first")
    @APIResponse(responseCode = "200")
    public List<ApiKeyJson> list() {
        return apiKeys.list(catalogue).stream().map(k -> ApiKeyJson.of(k, null)).toList();
    }

    @DELETE
    @Path("{prefix}")
    @Operation(summary = "Revoke an API key")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@PathParam("prefix") String prefix) {
        apiKeys.revoke(catalogue, prefix);
        return Response.noContent().build();
    }
}
