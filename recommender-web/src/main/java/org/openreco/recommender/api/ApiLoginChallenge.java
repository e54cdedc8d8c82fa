package org.openreco.recommender.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * When the container refuses a REST call's HTTP Basic credentials, its FORM mechanism answers with the
 * console's login page (forwarded to login.html). A REST client wants the API's problem details instead:
 * this filter answers such forwards of {@code /api/} requests with a 401 {@link Problem}.
 */
@WebFilter(urlPatterns = "/login.html", dispatcherTypes = DispatcherType.FORWARD)
public class ApiLoginChallenge extends HttpFilter {

    static final String MESSAGE = "the credentials in the Authorization header were refused";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object original = request.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH);
        Object uri = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        if (!isApi(original) && !isApi(uri == null ? null : String.valueOf(uri).substring(request.getContextPath().length()))) {
            chain.doFilter(request, response);
            return;
        }
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"recommender\"");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String instance = uri == null ? request.getRequestURI() : String.valueOf(uri);
        response.getWriter().write(new SharedJsonb().getContext(Problem.class)
                .toJson(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", null, MESSAGE, instance)));
    }

    private static boolean isApi(Object path) {
        return path != null && String.valueOf(path).startsWith("/api/");
    }
}
