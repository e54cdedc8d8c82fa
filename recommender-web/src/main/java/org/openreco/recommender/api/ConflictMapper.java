package org.openreco.recommender.api;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openreco.recommender.platform.boundary.ConflictException;

@Provider
public class ConflictMapper implements ExceptionMapper<ConflictException> {

    @Context
    UriInfo request;

    @Override
    public Response toResponse(ConflictException e) {
        return ErrorResponses.of(Response.Status.CONFLICT, "conflict", e.field(), e.getMessage(), request);
    }
}
