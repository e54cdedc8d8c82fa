package org.openreco.recommender.api;

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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.catalog.boundary.ItemData;
import org.openreco.recommender.catalog.boundary.Items;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/** Storefront items: upsert one or a batch, read, hide/unhide, delete. */
@Path("catalogues/{catalogue}")
@CatalogueKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Items")
public class ItemsResource {

    @Inject
    Items items;

    @PathParam("catalogue")
    String catalogue;

    @PUT
    @Path("items/{externalId}")
    @BodyLimit(64 * 1024)
    @Operation(summary = "Create or update an item", description = "Fields left out keep their stored value; title is required.")
    public ItemJson upsert(@PathParam("externalId") String externalId, ItemRequest request) {
        if (request == null) {
            throw new InvalidInputException("title", "is required");
        }
        if (request.externalId() != null && !request.externalId().equals(externalId)) {
            throw new InvalidInputException("externalId", "differs from the one in the path");
        }
        return ItemJson.of(items.upsert(catalogue, request.toData(externalId)));
    }

    @POST
    @Path("items:batch")
    @BodyLimit(8 * 1024 * 1024)
    @Operation(summary = "Create or update up to 1,000 items",
            description = "Answers each element's outcome by index; rejected elements write nothing, accepted ones "
                    + "commit together. 400 when none was accepted; 413 over 8 MiB.")
    public Response upsertAll(List<ItemRequest> request) {
        if (request == null) {
            throw new InvalidInputException("items", "must be a JSON array of items");
        }
        var data = new ArrayList<ItemData>(request.size());
        for (ItemRequest item : request) {
            data.add(item == null ? null : item.toData(item.externalId()));
        }
        return BatchResultJson.of(items.upsertAll(catalogue, data));
    }

    @GET
    @Path("items/{externalId}")
    @Operation(summary = "One item")
    public ItemJson get(@PathParam("externalId") String externalId) {
        return ItemJson.of(items.get(catalogue, externalId));
    }

    @PUT
    @Path("items/{externalId}/available")
    @Operation(summary = "Hide (false) or unhide (true) an item", description = "The body is the JSON boolean.")
    public ItemJson setAvailable(@PathParam("externalId") String externalId, Boolean available) {
        if (available == null) {
            throw new InvalidInputException("available", "must be true or false");
        }
        return ItemJson.of(items.setAvailable(catalogue, externalId, available));
    }

    @DELETE
    @Path("items/{externalId}")
    @Operation(summary = "Delete an item with its interactions")
    public Response delete(@PathParam("externalId") String externalId) {
        items.delete(catalogue, externalId);
        return Response.noContent().build();
    }
}
