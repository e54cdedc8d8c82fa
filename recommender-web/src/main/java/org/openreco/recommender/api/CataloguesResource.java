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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.catalog.boundary.Catalogues;

/** Catalogue administration: for the admin (HTTP Basic), not for storefronts. */
@Path("catalogues")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogues")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class CataloguesResource {

    @Inject
    Catalogues catalogues;

    @GET
    @Operation(summary = "All catalogues, by name")
    @APIResponse(responseCode = "200")
    public List<CatalogueJson> list() {
        return catalogues.list().stream().map(CatalogueJson::of).toList();
    }

    @POST
    @Operation(summary = "Create a catalogue")
    @APIResponse(responseCode = "201", description = "Created; Location names the catalogue")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(CatalogueRequest request, @Context UriInfo uri) {
        var created = catalogues.create(nameOf(request));
        return Response.created(uri.getAbsolutePathBuilder().path(created.getName()).build())
                .entity(CatalogueJson.of(created))
                .build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One catalogue")
    @APIResponse(responseCode = "200")
    public CatalogueJson get(@PathParam("name") String name) {
        return CatalogueJson.of(catalogues.get(name));
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Rename a catalogue")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "200")
    public CatalogueJson rename(@PathParam("name") String name, CatalogueRequest request) {
        return CatalogueJson.of(catalogues.rename(name, nameOf(request)));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete an empty catalogue")
    @APIResponse(responseCode = "204", description = "Deleted with everything in it")
    public Response delete(@PathParam("name") String name) {
        catalogues.delete(name);
        return Response.noContent().build();
    }

    /** An empty body reads as null; it is then the name that is missing. */
    private static String nameOf(CatalogueRequest request) {
        return request == null ? null : request.name();
    }
}
