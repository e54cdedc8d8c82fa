package org.openreco.recommender.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Enforces {@link BodyLimit} on every API request: a declared Content-Length over the limit is
 * refused before anything is read, and a chunked body is cut off as soon as it passes the limit
 * ({@link BodyTooLargeException}, answered 413 by {@link MalformedBodyMapper}), so no request
 * makes the server buffer more than the limit.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class BodyLimitFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = limit();
        if (request.getLength() > limit) {
            request.abortWith(tooLarge(limit, request.getUriInfo()));
        } else if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), limit));
        }
    }

    static Response tooLarge(long limit, UriInfo request) {
        return ErrorResponses.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", null,
                "the request body must be at most " + limit + " bytes; split it into smaller requests", request);
    }

    private long limit() {
        if (resource == null || resource.getResourceMethod() == null) {
            return BodyLimit.DEFAULT;
        }
        BodyLimit limit = resource.getResourceMethod().getAnnotation(BodyLimit.class);
        if (limit == null) {
            limit = resource.getResourceClass().getAnnotation(BodyLimit.class);
        }
        return limit == null ? BodyLimit.DEFAULT : limit.value();
    }

    /** The body, failing once more than the limit has been read. */
    private static final class Limited extends FilterInputStream {

        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
