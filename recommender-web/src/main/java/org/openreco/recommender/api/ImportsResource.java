package org.openreco.recommender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.imports.boundary.ImportProblem;
import org.openreco.recommender.imports.boundary.ImportStatus;
import org.openreco.recommender.imports.boundary.Imports;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/**
 * Bulk imports of a catalogue (admin): start one from a server path or an upload, follow it, restart it
 * when a server restart interrupted it, get its error report.
 */
@Path("catalogues/{catalogue}/imports")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class ImportsResource {

    static final String CSV = "text/csv";

    @Inject
    Imports imports;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an import of a server-side file or MovieLens folder; 202 with its status")
    @APIResponse(responseCode = "202", description = "The import runs; Location tells its progress")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response start(@PathParam("catalogue") String catalogue, ImportOptions options, @Context UriInfo uri) {
        if (options == null) {
            throw new InvalidInputException("kind", "is required");
        }
        return accepted(imports.start(catalogue, options.toRequest(options.path())), uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @BodyLimit(Imports.MAX_UPLOAD_BYTES) // the server's max-post-size (configure-server.cli) allows this much
    @Operation(summary = "Upload a file (part \"file\") and import it with the options (part \"options\", JSON)")
    @APIResponse(responseCode = "202", description = "The import runs; Location tells its progress")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public Response upload(@PathParam("catalogue") String catalogue, @FormParam("options") String options,
            @FormParam("file") EntityPart file, @Context UriInfo uri) throws IOException {
        if (file == null) {
            throw new InvalidInputException("file", "is required (a multipart part named \"file\")");
        }
        ImportOptions parsed = parse(options);
        try (InputStream content = file.getContent()) {
            var stored = imports.storeUpload(content, file.getFileName().orElse(null));
            return accepted(imports.start(catalogue, parsed.toRequest(null), stored), uri);
        }
    }

    @GET
    @Operation(summary = "The catalogue's latest imports, newest first")
    @APIResponse(responseCode = "200")
    public List<ImportStatus> list(@PathParam("catalogue") String catalogue) {
        return imports.list(catalogue);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An import's status and progress (records read, written, duplicates, rejected)")
    @APIResponse(responseCode = "200")
    public ImportStatus status(@PathParam("catalogue") String catalogue, @PathParam("id") long id) {
        return imports.status(catalogue, id);
    }

    @POST
    @Path("{id}/restart")
    @Operation(summary = "Restart an interrupted or failed import from its last checkpoint; 202 with its status, 409 when it is not restartable")
    @APIResponse(responseCode = "202", description = "The import runs again from its last checkpoint")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response restart(@PathParam("catalogue") String catalogue, @PathParam("id") long id, @Context UriInfo uri) {
        return accepted(imports.restart(catalogue, id), uri);
    }

    @GET
    @Path("{id}/errors")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "The error report: line, field, reason per rejected record (JSON, or CSV with Accept: text/csv)")
    @APIResponse(responseCode = "200")
    public List<ImportProblem> errors(@PathParam("catalogue") String catalogue, @PathParam("id") long id) {
        return imports.problems(catalogue, id);
    }

    @GET
    @Path("{id}/errors.csv")
    @Produces(CSV)
    @Operation(summary = "The error report as a CSV download")
    @APIResponse(responseCode = "200", description = "The error report as CSV")
    public Response errorsCsv(@PathParam("catalogue") String catalogue, @PathParam("id") long id) {
        return Response.ok(ErrorReportCsv.of(imports.problems(catalogue, id)))
                .header("Content-Disposition", "attachment; filename=\"import-" + id + "-errors.csv\"")
                .build();
    }

    private static Response accepted(ImportStatus status, UriInfo uri) {
        return Response.accepted(status)
                .location(uri.getBaseUriBuilder().path("catalogues").path(status.catalogue()).path("imports")
                        .path(Long.toString(status.id())).build())
                .build();
    }

    private static ImportOptions parse(String options) {
        if (options == null || options.isBlank()) {
            throw new InvalidInputException("options", "is required (a multipart part named \"options\" with the JSON options)");
        }
        try (Jsonb jsonb = JsonbBuilder.create()) {
            return jsonb.fromJson(options, ImportOptions.class);
        } catch (JsonbException e) {
            throw new InvalidInputException("options", "is not valid JSON options: " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
