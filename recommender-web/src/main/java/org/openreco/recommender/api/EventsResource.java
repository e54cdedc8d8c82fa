package org.openreco.recommender.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.interactions.boundary.Interactions;
import org.openreco.recommender.platform.boundary.BatchResult;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/**
 * One storefront event: 200 with its status (accepted, or duplicate for a re-sent clientEventId), 400
 * naming the field when it is rejected. Batches: {@link EventBatchesResource}. (Each path has its own
 * root resource: a root at catalogues/{catalogue} would hide the admin's catalogues/{name}.)
 */
@Path("catalogues/{catalogue}/events")
@CatalogueKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearerKey")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "500", ref = "InternalError"), @APIResponse(responseCode = "503", ref = "Unavailable")})
public class EventsResource {

    @Inject
    Interactions interactions;

    @POST
    @BodyLimit(64 * 1024)
    @Operation(summary = "Record one event; a re-sent clientEventId answers 'duplicate' and is not stored twice")
    @APIResponse(responseCode = "200", description = "Recorded, or a duplicate of an event already stored")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public Response record(@PathParam("catalogue") String catalogue, @QueryParam("createMissingItems") boolean createMissingItems,
            InputStream body) {
        var parsed = EventJson.parse(JsonBodies.read(body));
        if (parsed instanceof EventJson.Unreadable unreadable) {
            throw new InvalidInputException(unreadable.field(), unreadable.reason());
        }
        var element = interactions.record(catalogue, List.of(((EventJson.Event) parsed).data()), createMissingItems)
                .elements().getFirst();
        if (element.status() == BatchResult.Status.REJECTED) {
            throw new InvalidInputException(element.field(), element.reason());
        }
        return Response.ok(new BatchResultJson.Element(0, element.status().name().toLowerCase(Locale.ROOT), null, null)).build();
    }
}
