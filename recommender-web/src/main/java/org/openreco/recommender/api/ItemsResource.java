package org.openreco.recommender.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.catalog.boundary.ItemReads;
import org.openreco.recommender.catalog.boundary.Items;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/** Storefront items: upsert one, read, hide/unhide, delete ({@link ItemBatchesResource} upserts many). */
@Path("catalogues/{catalogue}/items")
@CatalogueKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Items")
@ApplicationScoped
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearerKey")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "500", ref = "InternalError"), @APIResponse(responseCode = "503", ref = "Unavailable")})
public class ItemsResource {

    @Inject
    Items items;

    @Inject
    ItemReads reads;

    @PUT
    @Path("{externalId}")
    @BodyLimit(64 * 1024)
    @Operation(summary = "Create or update an item", description = "Fields left out keep their stored value; title is required.")
    @APIResponse(responseCode = "200")
    public ItemJson upsert(@PathParam("catalogue") String catalogue, @PathParam("externalId") String externalId,
            ItemRequest request) {
        if (request == null) {
            throw new InvalidInputException("title", "is required");
        }
        if (request.externalId() != null && !request.externalId().equals(externalId)) {
            throw new InvalidInputException("externalId", "differs from the one in the path");
        }
        return ItemJson.of(items.upsert(catalogue, request.toData(externalId)));
    }

    @GET
    @Path("{externalId}")
    @Operation(summary = "One item")
    @APIResponse(responseCode = "200")
    public ItemJson get(@PathParam("catalogue") String catalogue, @PathParam("externalId") String externalId) {
        return ItemJson.of(reads.get(catalogue, externalId));
    }

    @PUT
    @Path("{externalId}/available")
    @Operation(summary = "Hide (false) or unhide (true) an item", description = "The body is the JSON boolean.")
    @APIResponse(responseCode = "200")
    public ItemJson setAvailable(@PathParam("catalogue") String catalogue, @PathParam("externalId") String externalId,
            JsonValue available) {
        if (available != JsonValue.TRUE && available != JsonValue.FALSE) {
            throw new InvalidInputException("available", "must be true or false");
        }
        return ItemJson.of(items.setAvailable(catalogue, externalId, available == JsonValue.TRUE));
    }

    @DELETE
    @Path("{externalId}")
    @Operation(summary = "Delete an item with its interactions")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("catalogue") String catalogue, @PathParam("externalId") String externalId) {
        items.delete(catalogue, externalId);
        return Response.noContent().build();
    }
}
