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
import org.openreco.recommender.training.boundary.ModelVersion;
import org.openreco.recommender.training.boundary.Training;
import org.openreco.recommender.training.boundary.TrainingRequest;

/**
 * Trainings of a catalogue's collaborative model (admin): start one, follow its progress, list the
 * history, activate (or roll back to) a version.
 */
@Path("admin/catalogues/{catalogue}")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Training")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class TrainingResource {

    @Inject
    Training training;

    @POST
    @Path("training")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a training (optional body: factors, alpha, regularization, epochs, neighbours, "
            + "testRatio, seed, k, easeLambda, easeMaxItems, rp3Alpha, rp3Beta); 202 with the new model version, 409 while "
            + "one is running")
    @APIResponse(responseCode = "202", description = "The training runs; Location tells its progress")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response start(@PathParam("catalogue") String catalogue, TrainingRequest request, @Context UriInfo uri) {
        ModelVersion version = training.start(catalogue, request, "api");
        return Response.accepted(version)
                .location(uri.getBaseUriBuilder().path("admin/catalogues").path(catalogue).path("training")
                        .path(Long.toString(version.id())).build())
                .build();
    }

    @GET
    @Path("training")
    @Operation(summary = "The catalogue's model versions, newest first")
    @APIResponse(responseCode = "200")
    public List<ModelVersion> history(@PathParam("catalogue") String catalogue,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return training.history(catalogue, limit);
    }

    @GET
    @Path("training/{id}")
    @Operation(summary = "A model version: status, live progress (epoch, loss), parameters, headline metrics")
    @APIResponse(responseCode = "200")
    public ModelVersion get(@PathParam("catalogue") String catalogue, @PathParam("id") long id) {
        return training.get(catalogue, id);
    }

    @POST
    @Path("models/{id}/activate")
    @Operation(summary = "Activate a trained or retired model version (roll back); 409 for a failed or training one")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "200")
    public ModelVersion activate(@PathParam("catalogue") String catalogue, @PathParam("id") long id) {
        return training.activate(catalogue, id);
    }
}
