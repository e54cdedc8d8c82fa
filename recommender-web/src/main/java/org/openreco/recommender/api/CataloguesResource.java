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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.catalog.boundary.Catalogues;

/** Catalogue administration: for the admin (HTTP Basic), not for storefronts. */
@Path("catalogues")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogues")
public class CataloguesResource {

    @Inject
    Catalogues catalogues;

    @GET
    @Operation(summary = "All catalogues, by name")
    public List<CatalogueJson> list() {
        return catalogues.list().stream().map(CatalogueJson::of).toList();
    }

    @POST
    @Operation(summary = "Create a catalogue")
    public Response create(CatalogueRequest request, @Context UriInfo uri) {
        var created = catalogues.create(nameOf(request));
        return Response.created(uri.getAbsolutePathBuilder().path(created.getName()).build())
                .entity(CatalogueJson.of(created))
                .build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One catalogue")
    public CatalogueJson get(@PathParam("name") String name) {
        return CatalogueJson.of(catalogues.get(name));
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Rename a catalogue")
    public CatalogueJson rename(@PathParam("name") String name, CatalogueRequest request) {
        return CatalogueJson.of(catalogues.rename(name, nameOf(request)));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete an empty catalogue")
    public Response delete(@PathParam("name") String name) {
        catalogues.delete(name);
        return Response.noContent().build();
    }

    /** An empty body reads as null; it is then the name that is missing. */
    private static String nameOf(CatalogueRequest request) {
        return request == null ? null : request.name();
    }
}
