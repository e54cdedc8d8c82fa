package org.openreco.recommender.api;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * A body that JSON-B cannot read (broken JSON, a value of the wrong type): 400 naming the field and
 * the kind of value it needs ({@link BodyProblem}), never the binder's internals or a stack trace. A body
 * cut off at its {@link BodyLimit} surfaces here too and gets 413.
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

    @Context
    ResourceInfo resource;

    @Context
    UriInfo request;

    @Override
    public Response toResponse(ProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return BodyLimitFilter.tooLarge(tooLarge.limit, request);
            }
        }
        var problem = BodyProblem.of(e, bodyType());
        return ErrorResponses.of(Response.Status.BAD_REQUEST, "malformed_json", problem.field(), problem.message(), request);
    }

    /** The type of the resource method's body parameter (the one without a JAX-RS annotation), if known. */
    private Class<?> bodyType() {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            if (annotations[i].length == 0) {
                return method.getParameterTypes()[i];
            }
        }
        return null;
    }
}
