package org.openreco.recommender.api;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openreco.recommender.platform.boundary.NotFoundException;

@Provider
public class NotFoundMapper implements ExceptionMapper<NotFoundException> {

    @Context
    UriInfo request;

    @Override
    public Response toResponse(NotFoundException e) {
        return ErrorResponses.of(Response.Status.NOT_FOUND, "not_found", null, e.getMessage(), request);
    }
}
