package org.openreco.recommender.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.openreco.recommender.catalog.boundary.ApiKeyCheck;

/**
 * Lets storefront calls ({@link CatalogueKeyRequired}) through only with a key of the catalogue in
 * their path, sent as {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}.
 */
@Provider
@CatalogueKeyRequired
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    @Inject
    ApiKeyCheck apiKeys;

    @Override
    public void filter(ContainerRequestContext request) {
        String catalogue = request.getUriInfo().getPathParameters().getFirst("catalogue");
        String key = keyOf(request);
        switch (apiKeys.check(catalogue, key)) {
            case VALID -> { }
            case UNKNOWN_CATALOGUE -> request.abortWith(ErrorResponses.of(Response.Status.NOT_FOUND, "not_found", null,
                    "catalogue '" + catalogue + "' does not exist", request.getUriInfo()));
            case OTHER_CATALOGUE -> request.abortWith(ErrorResponses.of(Response.Status.FORBIDDEN, "forbidden", null,
                    "this API key belongs to another catalogue than '" + catalogue + "'", request.getUriInfo()));
            case INVALID -> request.abortWith(Response.fromResponse(ErrorResponses.of(Response.Status.UNAUTHORIZED,
                            "unauthorized", null, key == null
                                    ? "send the catalogue's API key as 'Authorization: Bearer <key>' or '" + API_KEY_HEADER + ": <key>'"
                                    : "the API key is unknown or revoked", request.getUriInfo()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"recommender\"")
                    .build());
        }
    }

    private static String keyOf(ContainerRequestContext request) {
        String header = request.getHeaderString(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return null;
    }
}
