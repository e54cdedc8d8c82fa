package org.openreco.recommender.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.catalog.boundary.ItemData;
import org.openreco.recommender.catalog.boundary.Items;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/**
 * Storefront batch upsert of items. A class of its own: a root path "catalogues/{catalogue}" shared
 * with {@code items/...} would shadow CataloguesResource's "catalogues/{name}" in RESTEasy's matching.
 */
@Path("catalogues/{catalogue}/items:batch")
@CatalogueKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Items")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearerKey")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "500", ref = "InternalError"), @APIResponse(responseCode = "503", ref = "Unavailable")})
public class ItemBatchesResource {

    @Context
    UriInfo uri;

    @Inject
    Items items;

    @PathParam("catalogue")
    String catalogue;

    @POST
    @BodyLimit(8 * 1024 * 1024)
    @Operation(summary = "Create or update up to 1,000 items",
            description = "Answers each element's outcome by index; rejected elements write nothing, accepted ones "
                    + "commit together. 400 when none was accepted; 413 over 8 MiB.")
    @APIResponse(responseCode = "200", description = "Each item's outcome by index")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public Response upsertAll(List<ItemRequest> request) {
        if (request == null) {
            throw new InvalidInputException("items", "must be a JSON array of items");
        }
        var data = new ArrayList<ItemData>(request.size());
        for (ItemRequest item : request) {
            data.add(item == null ? null : item.toData(item.externalId()));
        }
        return BatchResultJson.of(items.upsertAll(catalogue, data), uri);
    }

}
