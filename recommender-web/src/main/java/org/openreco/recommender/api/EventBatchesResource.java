package org.openreco.recommender.api;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.interactions.boundary.EventData;
import org.openreco.recommender.interactions.boundary.Interactions;
import org.openreco.recommender.platform.boundary.BatchResult;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/**
 * Storefront events, up to {@value Interactions#MAX_BATCH} per request: 200 with every element's
 * outcome when anything was accepted (or was a duplicate), 400 with the same outcomes when every
 * element was rejected; 400 or 413 for a request that cannot be used at all.
 */
@Path("catalogues/{catalogue}/events:batch")
@CatalogueKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearerKey")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "500", ref = "InternalError"), @APIResponse(responseCode = "503", ref = "Unavailable")})
public class EventBatchesResource {

    @Context
    UriInfo uri;

    @Inject
    Interactions interactions;

    @POST
    @BodyLimit(8 * 1024 * 1024) // room for 10,000 events with long ids (a typical event is ~150 bytes)
    @Operation(summary = "Record up to 10,000 events: a JSON array, or {\"events\": [...], \"createMissingItems\": true}")
    @APIResponse(responseCode = "200", description = "Each event's outcome by index")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public Response recordAll(@PathParam("catalogue") String catalogue,
            @QueryParam("createMissingItems") boolean createMissingItems,
            InputStream body) {
        JsonValue json = JsonBodies.read(body);
        JsonArray array;
        if (json instanceof JsonArray a) {
            array = a;
        } else if (json instanceof JsonObject object && object.get("events") instanceof JsonArray a) {
            array = a;
            createMissingItems |= object.get("createMissingItems") == JsonValue.TRUE;
        } else {
            throw new InvalidInputException("events", "must be an array of events, or an object with an 'events' array");
        }
        if (array.isEmpty()) {
            throw new InvalidInputException("events", "must hold at least one event");
        }
        if (array.size() > Interactions.MAX_BATCH) {
            throw new InvalidInputException("events", "holds " + array.size() + " events, at most "
                    + Interactions.MAX_BATCH + " are allowed per request");
        }
        // events that cannot even be read are rejected here; the others go to core, their indices mapped back
        var events = new ArrayList<EventData>(array.size());
        var indices = new ArrayList<Integer>(array.size());
        var elements = new ArrayList<BatchResult.Element>(array.size());
        for (int i = 0; i < array.size(); i++) {
            var parsed = EventJson.parse(array.get(i));
            if (parsed instanceof EventJson.Event event) {
                events.add(event.data());
                indices.add(i);
            } else if (parsed instanceof EventJson.Unreadable unreadable) {
                elements.add(BatchResult.Element.rejected(i, unreadable.field(), unreadable.reason()));
            }
        }
        // called even when no event was readable: an unknown catalogue is still a 404
        for (var element : interactions.record(catalogue, events, createMissingItems).elements()) {
            elements.add(new BatchResult.Element(indices.get(element.index()), element.status(), element.field(),
                    element.reason()));
        }
        elements.sort(Comparator.comparingInt(BatchResult.Element::index));
        return BatchResultJson.of(new BatchResult(elements), uri);
    }
}
