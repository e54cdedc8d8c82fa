package org.openreco.recommender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;
import org.openreco.recommender.catalog.boundary.Catalogues;

/** A catalogue's settings: for the admin (HTTP Basic). */
@Path("catalogues/{catalogue}/settings")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogues")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class CatalogueSettingsResource {

    @Inject
    Catalogues catalogues;

    @PathParam("catalogue")
    String catalogue;

    @GET
    @Operation(summary = "The catalogue's settings (defaults where none were set)")
    @APIResponse(responseCode = "200")
    public CatalogueSettings settings() {
        return catalogues.settings(catalogue);
    }

    @PUT
    @Operation(summary = "Replace the catalogue's settings", description = "Event types with weights, rating pivot, "
            + "embedding model, re-embedding interval in seconds; all fields are required.")
    @APIResponse(responseCode = "200")
    public CatalogueSettings update(CatalogueSettings settings) {
        return catalogues.updateSettings(catalogue, settings);
    }
}
