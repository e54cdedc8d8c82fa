package org.openreco.recommender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.recommendations.boundary.ImpressionRetention;

/** A catalogue's impression log (admin): purged every night past the retention, or now. */
@Path("admin/catalogues/{catalogue}/impressions")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quality")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class ImpressionsResource {

    @Inject
    ImpressionRetention retention;

    @POST
    @Path("purge")
    @Operation(summary = "Remove the impressions of the UTC days before the last olderThanDays days, today included "
            + "(default: the configured retention, 90 days unless set)")
    @APIResponse(responseCode = "200")
    public Map<String, Long> purge(@PathParam("catalogue") String catalogue, @QueryParam("olderThanDays") String olderThanDays) {
        int days = olderThanDays == null || olderThanDays.isBlank() ? retention.configuredDays() : days(olderThanDays);
        return Map.of("removedImpressions", retention.purge(catalogue, days));
    }

    /** Parsed by hand: a JAX-RS int parameter would answer a malformed number with 404. */
    private static int days(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("olderThanDays", "must be a whole number between 1 and " + ImpressionRetention.MAX_DAYS);
        }
    }
}
