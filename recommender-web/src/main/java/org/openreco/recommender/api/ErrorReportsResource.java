package org.openreco.recommender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.imports.boundary.JobHistoryCleanup;

/** The imports' error reports (admin): removed every night once old enough, or now. */
@Path("imports/error-reports")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class ErrorReportsResource {

    @Inject
    JobHistoryCleanup cleanup;

    @POST
    @Path("purge")
    @Operation(summary = "Remove the error reports of imports that ended more than olderThanDays ago "
            + "(default 90; restartable imports keep theirs; the import records stay)")
    @APIResponse(responseCode = "200")
    public Map<String, Integer> purge(@QueryParam("olderThanDays") @DefaultValue("90") String olderThanDays) {
        return Map.of("removedErrorLines", cleanup.purgeErrorReportsOlderThan(days(olderThanDays)));
    }

    private static int days(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1; // reported by the boundary as out of range
        }
    }
}
