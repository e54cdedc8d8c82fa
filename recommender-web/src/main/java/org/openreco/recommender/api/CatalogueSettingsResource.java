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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;
import org.openreco.recommender.catalog.boundary.Catalogues;

/** A catalogue's settings: for the admin (HTTP Basic). */
@Path("catalogues/{catalogue}/settings")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogues")
public class CatalogueSettingsResource {

    @Inject
    Catalogues catalogues;

    @PathParam("catalogue")
    String catalogue;

    @GET
    @Operation(summary = "The catalogue's settings (defaults where none were set)")
    public CatalogueSettings settings() {
        return catalogues.settings(catalogue);
    }

    @PUT
    @Operation(summary = "Replace the catalogue's settings", description = "Event types with weights, rating pivot, "
            + "embedding model, re-embedding interval in seconds; all fields are required.")
    public CatalogueSettings update(CatalogueSettings settings) {
        return catalogues.updateSettings(catalogue, settings);
    }
}
