package org.openreco.recommender.api;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openreco.recommender.platform.boundary.InvalidInputException;

@Provider
public class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {

    @Context
    UriInfo request;

    @Override
    public Response toResponse(InvalidInputException e) {
        return ErrorResponses.of(Response.Status.BAD_REQUEST, "invalid", e.field(), e.field() + " " + e.getMessage(), request);
    }
}
