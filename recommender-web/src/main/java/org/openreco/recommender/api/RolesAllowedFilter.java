package org.openreco.recommender.api;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;

/**
 * Guards admin resources marked {@code @RolesAllowed}: the container authenticates HTTP BASIC
 * credentials when a request carries them (web.xml), this filter answers 401 with a challenge
 * when there are none and 403 when the caller lacks the role, both as problem details. Only credentials
 * in the request's own {@code Authorization} header count: the container would also accept the console's
 * session cookie, which a browser attaches to any page's cross-site form post.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RolesAllowedFilter implements ContainerRequestFilter {

    private static final String BASIC = "Basic ";

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        String[] roles = allowed != null ? allowed.value()
                // everything under admin/ is the admin's, even a resource that forgot its annotation
                : isAdminPath(request.getUriInfo().getPath()) ? new String[] {"admin"} : null;
        if (roles == null) {
            return;
        }
        var security = request.getSecurityContext();
        if (security.getUserPrincipal() == null || !carriesBasicCredentials(request)) {
            request.abortWith(Response.fromResponse(ErrorResponses.of(Response.Status.UNAUTHORIZED, "unauthorized", null,
                            "this endpoint needs the admin's credentials in the Authorization header (HTTP Basic); "
                                    + "the console's session does not open the API", request.getUriInfo()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"recommender\"")
                    .build());
        } else if (Arrays.stream(roles).noneMatch(security::isUserInRole)) {
            request.abortWith(ErrorResponses.of(Response.Status.FORBIDDEN, "forbidden", null,
                    "'" + security.getUserPrincipal().getName() + "' may not use this endpoint", request.getUriInfo()));
        }
    }

    static boolean carriesBasicCredentials(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length());
    }

    static boolean isAdminPath(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals("admin") || relative.startsWith("admin/");
    }
}
