package org.openreco.recommender.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Errors JAX-RS raises itself (unknown path, wrong method, unsupported media type) keep their status and get a JSON body. */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo request;

    @Override
    public Response toResponse(WebApplicationException e) {
        var status = e.getResponse().getStatusInfo();
        String code = status.getReasonPhrase().toLowerCase().replace(' ', '_');
        return ErrorResponses.of(status, code, null, e.getMessage(), request);
    }
}
