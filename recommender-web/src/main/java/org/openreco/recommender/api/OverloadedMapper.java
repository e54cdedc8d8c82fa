package org.openreco.recommender.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openreco.recommender.platform.boundary.OverloadedException;

@Provider
public class OverloadedMapper implements ExceptionMapper<OverloadedException> {

    @Override
    public Response toResponse(OverloadedException e) {
        return Response.fromResponse(ErrorResponses.of(Response.Status.SERVICE_UNAVAILABLE, "overloaded", null, e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
    }
}
