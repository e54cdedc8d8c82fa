package org.openreco.recommender.api;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openreco.recommender.platform.boundary.OverloadedException;

@Provider
public class OverloadedMapper implements ExceptionMapper<OverloadedException> {

    @Context
    UriInfo request;

    @Override
    public Response toResponse(OverloadedException e) {
        return Response.fromResponse(ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, "overloaded", null, e.getMessage(), request))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
    }
}
