package org.openreco.recommender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.recommendations.boundary.ClickThrough;
import org.openreco.recommender.recommendations.boundary.ClickThroughReport;

/** Online quality of a catalogue (admin): click-through per UTC day and candidate source. */
@Path("admin/catalogues/{catalogue}/ctr")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quality")
@SecurityRequirement(name = "admin")
@APIResponses({@APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "401", ref = "Unauthorized"),
        @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"),
        @APIResponse(responseCode = "429", ref = "TooManyLogins"), @APIResponse(responseCode = "500", ref = "InternalError"),
        @APIResponse(responseCode = "503", ref = "Unavailable")})
public class ClickThroughResource {

    static final int DEFAULT_DAYS = 30;

    @Inject
    ClickThrough clickThrough;

    @GET
    @Operation(summary = "Impressions, clicks and CTR per UTC day and source over the last `days` days (1–365, default 30)",
            description = "A click is an event with a positive weight that carries the request id of the answer that "
                    + "showed the item; each impression counts at most once, on the day it was shown.")
    @APIResponse(responseCode = "200")
    public ClickThroughReport daily(@PathParam("catalogue") String catalogue, @QueryParam("days") String days) {
        return clickThrough.daily(catalogue, days(days));
    }

    /** Parsed by hand: a JAX-RS int parameter would answer a malformed number with 404. */
    static int days(String days) {
        if (days == null || days.isBlank()) {
            return DEFAULT_DAYS;
        }
        try {
            return Integer.parseInt(days.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("days", "must be a whole number between 1 and " + ClickThrough.MAX_DAYS);
        }
    }
}
