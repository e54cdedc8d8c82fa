package org.openreco.recommender.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the JSON error responses all mappers share. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static Response of(Response.StatusType status, String error, String field, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorJson(error, field, message))
                .build();
    }
}
