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
 * when there are none and 403 when the caller lacks the role, both as JSON errors.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RolesAllowedFilter implements ContainerRequestFilter {

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
        if (security.getUserPrincipal() == null) {
            request.abortWith(Response.fromResponse(ErrorResponses.of(Response.Status.UNAUTHORIZED, "unauthorized", null,
                            "this endpoint needs the admin's credentials (HTTP Basic)"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"recommender\"")
                    .build());
        } else if (Arrays.stream(roles).noneMatch(security::isUserInRole)) {
            request.abortWith(ErrorResponses.of(Response.Status.FORBIDDEN, "forbidden", null,
                    "'" + security.getUserPrincipal().getName() + "' may not use this endpoint"));
        }
    }

    static boolean isAdminPath(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals("admin") || relative.startsWith("admin/");
    }
}
