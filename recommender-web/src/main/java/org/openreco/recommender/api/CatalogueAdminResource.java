package org.openreco.recommender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.catalog.boundary.ApiKeys;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;
import org.openreco.recommender.catalog.boundary.Catalogues;

/** A catalogue's settings and storefront API keys: for the admin (HTTP Basic). */
@Path("catalogues/{catalogue}")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogues")
public class CatalogueAdminResource {

    @Inject
    Catalogues catalogues;

    @Inject
    ApiKeys apiKeys;

    @PathParam("catalogue")
    String catalogue;

    @GET
    @Path("settings")
    @Operation(summary = "The catalogue's settings (defaults where none were set)")
    public CatalogueSettings settings() {
        return catalogues.settings(catalogue);
    }

    @PUT
    @Path("settings")
    @Operation(summary = "Replace the catalogue's settings", description = "Event types with weights, rating pivot, "
            + "embedding model, re-embedding interval in seconds; all fields are required.")
    public CatalogueSettings updateSettings(CatalogueSettings settings) {
        return catalogues.updateSettings(catalogue, settings);
    }

    @POST
    @Path("api-keys")
    @Operation(summary = "Create a storefront API key", description = "The answer holds the whole key; it is never shown again.")
    public Response createKey(ApiKeyRequest request) {
        var created = apiKeys.create(catalogue, request == null ? null : request.name());
        return Response.status(Response.Status.CREATED).entity(ApiKeyJson.of(created.apiKey(), created.key())).build();
    }

    @GET
    @Path("api-keys")
    @Operation(summary = "The catalogue's API keys (prefixes only), newest first")
    public List<ApiKeyJson> keys() {
        return apiKeys.list(catalogue).stream().map(k -> ApiKeyJson.of(k, null)).toList();
    }

    @DELETE
    @Path("api-keys/{prefix}")
    @Operation(summary = "Revoke an API key")
    public Response revoke(@PathParam("prefix") String prefix) {
        apiKeys.revoke(catalogue, prefix);
        return Response.noContent().build();
    }
}
