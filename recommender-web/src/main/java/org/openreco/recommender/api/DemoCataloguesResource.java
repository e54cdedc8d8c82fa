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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.demo.boundary.DemoCatalogue;

/** Creates a catalogue filled with the generated demo shop, for trying the platform out. */
@Path("demo-catalogues")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogues")
public class DemoCataloguesResource {

    @Inject
    DemoCatalogue demo;

    @POST
    @Operation(summary = "Create a catalogue holding the demo shop (products, users, events)")
    public Response create(CatalogueRequest request) {
        var loaded = demo.load(request == null ? null : request.name());
        return Response.status(Response.Status.CREATED).entity(loaded).build();
    }
}
