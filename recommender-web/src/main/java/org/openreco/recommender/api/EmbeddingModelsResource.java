package org.openreco.recommender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.embedding.boundary.EmbeddingModels;

/** The language models that embed items, users and queries: for the admin, to see them and try one out. */
@Path("embedding-models")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Embeddings")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class EmbeddingModelsResource {

    @Inject
    EmbeddingModels models;

    @GET
    @Operation(summary = "The embedding models, their dimensions and pooling, and whether they are loaded")
    @APIResponse(responseCode = "200")
    public List<EmbeddingModelJson> list() {
        return models.list().stream().map(EmbeddingModelJson::of).toList();
    }

    @POST
    @Path("{name}:encode")
    @BodyLimit(8 * 1024 * 1024)
    @Operation(summary = "Encode 1 to 64 texts (16 KiB each at most) into unit-length vectors, in the order given")
    @APIResponse(responseCode = "200")
    public EncodedJson encode(@PathParam("name") String name, EncodeRequest request) {
        var model = models.get(name);
        var vectors = models.encode(model, request == null ? null : request.texts());
        return new EncodedJson(model.modelName(), model.dimensions(), vectors);
    }
}
