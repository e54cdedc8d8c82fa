package org.openreco.recommender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.demo.boundary.DemoCatalogue;

/** Creates a catalogue filled with the generated demo shop, for trying the platform out. */
@Path("demo-catalogues")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogues")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class DemoCataloguesResource {

    @Inject
    DemoCatalogue demo;

    @POST
    @Operation(summary = "Create a catalogue holding the demo shop (products, users, events)")
    @APIResponse(responseCode = "201", description = "The demo catalogue, loaded")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(CatalogueRequest request) {
        var loaded = demo.load(request == null ? null : request.name());
        return Response.status(Response.Status.CREATED).entity(loaded).build();
    }
}
