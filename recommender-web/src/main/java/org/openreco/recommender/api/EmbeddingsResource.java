package org.openreco.recommender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.embedding.boundary.EmbeddingStatus;
import org.openreco.recommender.embedding.boundary.Embeddings;
import org.openreco.recommender.embedding.boundary.GenerationInfo;
import org.openreco.recommender.embedding.boundary.ParkedMark;

/** A catalogue's embeddings (admin): status and batch figures, re-embed everything, cancel that, pause/resume, parked marks. */
@Path("catalogues/{catalogue}/embeddings")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Embeddings")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class EmbeddingsResource {

    @Inject
    Embeddings embeddings;

    @PathParam("catalogue")
    String catalogue;

    @GET
    @Operation(summary = "Model, active and building generation with progress, queue depth, parked marks, "
            + "batch figures of the last five minutes (docs/s, lag p50/p95) and the latest batches")
    @APIResponse(responseCode = "200")
    public EmbeddingStatus status() {
        return embeddings.status(catalogue);
    }

    @GET
    @Path("generations")
    @Operation(summary = "The catalogue's generations, newest first")
    @APIResponse(responseCode = "200")
    public List<GenerationInfo> generations() {
        return embeddings.generations(catalogue);
    }

    @POST
    @Path("rebuild")
    @Operation(summary = "Re-embed everything into a new generation; the active one serves until it is complete (202)")
    @APIResponse(responseCode = "202", description = "A new generation is being embedded; Location tells its progress")
    public Response rebuild(@Context UriInfo uri) {
        return Response.accepted(embeddings.reembedAll(catalogue))
                .location(uri.getBaseUriBuilder().path("catalogues").path(catalogue).path("embeddings").build())
                .build();
    }

    @DELETE
    @Path("rebuild")
    @Operation(summary = "Cancel the running build; the active generation keeps serving")
    @APIResponse(responseCode = "200")
    public GenerationInfo cancel() {
        return embeddings.cancelBuild(catalogue);
    }

    @POST
    @Path("pause")
    @Operation(summary = "Pause the catalogue's re-embedding: queue marks keep accumulating, nothing is embedded until resumed")
    @APIResponse(responseCode = "200")
    public Map<String, Object> pause() {
        return Map.of("paused", true, "pausedSince", embeddings.pause(catalogue).toString());
    }

    @DELETE
    @Path("pause")
    @Operation(summary = "Resume the catalogue's re-embedding; the next batches drain the marks that accumulated")
    @APIResponse(responseCode = "200")
    public Map<String, Object> resume() {
        return Map.of("paused", false, "wasPaused", embeddings.resume(catalogue));
    }

    @GET
    @Path("parked")
    @Operation(summary = "Items and users whose re-embedding failed too often, with the last error (oldest first)")
    @APIResponse(responseCode = "200")
    public List<ParkedMark> parked(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return embeddings.parked(catalogue, page, size);
    }

    @POST
    @Path("parked/retry")
    @Operation(summary = "Give every parked mark a fresh start")
    @APIResponse(responseCode = "200")
    public Map<String, Integer> retryParked() {
        return Map.of("retried", embeddings.retryParked(catalogue));
    }
}
