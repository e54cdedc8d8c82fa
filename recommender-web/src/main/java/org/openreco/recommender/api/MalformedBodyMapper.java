package org.openreco.recommender.api;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that JSON-B cannot read (broken JSON, a value of the wrong type). The parser's own message
 * says where it stopped, which is what a client needs; the stack trace is not. A body cut off at
 * its {@link BodyLimit} surfaces here too and gets 413.
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return BodyLimitFilter.tooLarge(tooLarge.limit);
            }
        }
        return ErrorResponses.of(Response.Status.BAD_REQUEST, "malformed_json", null,
                "the request body is not valid JSON for this endpoint: " + rootMessage(e));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
