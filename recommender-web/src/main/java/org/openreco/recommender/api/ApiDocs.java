package org.openreco.recommender.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The browsable API at {@code /api}: Swagger UI from its webjar (served by the server, no CDN), opened on the
 * OpenAPI document the server generates at {@code /openapi}. The REST API itself lives below {@code /api/v1},
 * a more specific mapping than this servlet's.
 */
@WebServlet(urlPatterns = "/api/*")
public class ApiDocs extends HttpServlet {

    static final String DOCUMENT = "/openapi";
    private static final String WEBJAR = "/webjars/swagger-ui/";
    private static final Pattern FILE = Pattern.compile("/[\\w.-]+");
    /** Replaces the webjar's own initializer, which opens the Petstore example. */
    private static final String INITIALIZER = """
            window.onload = () => {
              window.ui = SwaggerUIBundle({
                url: "%s",
                dom_id: "#swagger-ui",
                deepLinking: true,
                presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                layout: "BaseLayout"
              });
            };
            """.formatted(DOCUMENT);

    private String assets;

    @Override
    public void init() throws ServletException {
        assets = WEBJAR + webjarVersion() + "/";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String file = request.getPathInfo();
        if (file == null) {
            // relative links in the page need the trailing slash
            response.sendRedirect(request.getContextPath() + "/api/");
            return;
        }
        if (file.equals("/")) {
            file = "/index.html";
        }
        if (file.equals("/swagger-initializer.js")) {
            response.setContentType("text/javascript;charset=UTF-8");
            response.getWriter().write(INITIALIZER);
            return;
        }
        try (InputStream asset = FILE.matcher(file).matches() ? getServletContext().getResourceAsStream(assets + file.substring(1)) : null) {
            if (asset == null) {
                response.setStatus(HttpServletResponse.SC_NOT_FOUND);
                response.setContentType(Problem.MEDIA_TYPE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write(new SharedJsonb().getContext(Problem.class).toJson(Problem.of(
                        Response.Status.NOT_FOUND, "not_found", null,
                        "no such page; the API is below /api/v1, its document at " + DOCUMENT, request.getRequestURI())));
                return;
            }
            response.setContentType(getServletContext().getMimeType(file));
            asset.transferTo(response.getOutputStream());
        }
    }

    private String webjarVersion() throws ServletException {
        try (InputStream pom = getClass().getClassLoader().getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (pom == null) {
                throw new ServletException("the swagger-ui webjar is missing from the application");
            }
            var properties = new Properties();
            properties.load(pom);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
