package org.openreco.recommender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.evaluation.boundary.EvaluationRuns;
import org.openreco.recommender.training.boundary.TrainingRequest;

/** Offline evaluation runs of a catalogue (admin): those of its trainings and stand-alone ones. */
@Path("admin/catalogues/{catalogue}/evaluations")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Training")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class EvaluationsResource {

    @Inject
    EvaluationRuns runs;

    @GET
    @Operation(summary = "The catalogue's evaluation runs, newest first")
    @APIResponse(responseCode = "200")
    public List<EvaluationRunJson> list(@PathParam("catalogue") String catalogue,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return runs.list(catalogue, limit).stream().map(EvaluationRunJson::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An evaluation run: split, data, per-algorithm metrics at each K, cold start")
    @APIResponse(responseCode = "200")
    public EvaluationRunJson get(@PathParam("catalogue") String catalogue, @PathParam("id") long id) {
        return EvaluationRunJson.of(runs.get(catalogue, id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a stand-alone evaluation of popularity, item-kNN, content, iALS and the hybrid "
            + "(optional body as for training); 202 with the running run, no model is stored")
    @APIResponse(responseCode = "202", description = "The evaluation runs; Location tells its progress")
    public Response start(@PathParam("catalogue") String catalogue, TrainingRequest request, @Context UriInfo uri) {
        var run = EvaluationRunJson.of(runs.start(catalogue, request));
        return Response.accepted(run)
                .location(uri.getBaseUriBuilder().path("admin/catalogues").path(catalogue).path("evaluations")
                        .path(Long.toString(run.id())).build())
                .build();
    }
}
