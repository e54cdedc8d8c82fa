package org.openreco.recommender.api;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else is our fault: the client gets a 500 with an incident id to quote, the log gets the
 * stack trace under the same id. Except a {@link DatabaseWaits bounded wait on the database} that ran
 * out: that is 503 with Retry-After, and one log line.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());
    static final int RETRY_AFTER_SECONDS = 5;

    @Context
    UriInfo request;

    @Override
    public Response toResponse(Throwable e) {
        if (DatabaseWaits.ranOut(e)) {
            LOG.warning("database wait ran out: " + e);
            return Response.fromResponse(ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, "database_unavailable", null,
                            "the database did not answer in time; retry shortly", request))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR, "internal_error", null,
                "unexpected server error; quote incident " + incident, request);
    }
}
