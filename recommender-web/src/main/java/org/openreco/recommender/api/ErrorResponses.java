package org.openreco.recommender.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Builds the problem responses all mappers and filters share. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    /**
     * @param request the request the problem happened to: its path becomes the problem's {@code instance}
     */
    static Response of(Response.StatusType status, String error, String field, String message, UriInfo request) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, error, field, message, instance(request)))
                .build();
    }

    private static String instance(UriInfo request) {
        try {
            return request == null ? null : request.getRequestUri().getRawPath();
        } catch (IllegalStateException outsideARequest) {
            return null;
        }
    }
}
