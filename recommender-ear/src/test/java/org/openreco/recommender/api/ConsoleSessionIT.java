package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The console's session is the console's only: a cross-site form post carries the admin's session cookie
 * and nothing else, so the REST API must not take that cookie as credentials. The cookie itself is
 * SameSite=Strict and HttpOnly, and the console's pages forbid framing by other sites.
 */
class ConsoleSessionIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void the_session_cookie_alone_opens_no_admin_endpoint() throws Exception {
        String catalogue = ImportsApiIT.newCatalogue("csrf");
        String session = signIn();
        assertFalse(isLoginPage(send(session, "GET", "/", null)), "the cookie is a signed-in console session");

        var refused = List.of(
                send(session, "POST", "/api/v1/catalogues/" + catalogue + "/embeddings/pause", ""),
                send(session, "POST", "/api/v1/catalogues/" + catalogue + "/embeddings/rebuild", ""),
                send(session, "POST", "/api/v1/catalogues", "{\"name\":\"csrf-made\"}"),
                send(session, "POST", "/api/v1/catalogues/" + catalogue + "/api-keys", "{\"name\":\"stolen\"}"),
                send(session, "POST", "/api/v1/admin/catalogues/" + catalogue + "/training", "{}"),
                send(session, "POST", "/api/v1/imports/job-history/purge?olderThanDays=1", ""),
                send(session, "DELETE", "/api/v1/catalogues/" + catalogue, null),
                send(session, "GET", "/api/v1/catalogues/" + catalogue + "/api-keys", null));

        for (var reply : refused) {
            assertTrue(reply.statusCode() == 401 || reply.statusCode() == 403, reply.uri() + ": " + reply.statusCode() + " " + reply.body());
            Problems.assertProblem(reply.headers().firstValue("Content-Type").orElse(""), reply.body(), reply.statusCode(), null);
        }
        var embeddings = Api.get("/api/v1/catalogues/" + catalogue + "/embeddings").json();
        assertTrue(!embeddings.containsKey("pausedSince") || embeddings.isNull("pausedSince"), "not paused: " + embeddings);
        assertEquals(0, Database.count("api_key", catalogue));
        assertEquals(0, Database.count("model_version", catalogue));
        assertEquals(200, Api.get("/api/v1/catalogues/" + catalogue).status(), "the catalogue is still there");
    }

    @Test
    void the_session_cookie_is_same_site_strict_and_http_only() throws Exception {
        var page = send(null, "GET", "/", null);
        String cookie = sessionCookie(page);

        String attributes = cookie.toLowerCase(Locale.ROOT);
        assertTrue(attributes.contains("samesite=strict"), cookie);
        assertTrue(attributes.contains("httponly"), cookie);
        assertFalse(attributes.contains("secure"), "plain HTTP: not Secure, or the browser would drop it: " + cookie);
    }

    @Test
    void console_pages_carry_the_security_headers() throws Exception {
        for (var page : List.of(send(null, "GET", "/login.html", null), send(null, "GET", "/", null), send(signIn(), "GET", "/", null))) {
            assertEquals("frame-ancestors 'self'", page.headers().firstValue("Content-Security-Policy").orElse(null), page.uri().toString());
            assertEquals("SAMEORIGIN", page.headers().firstValue("X-Frame-Options").orElse(null));
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));
            assertEquals("same-origin", page.headers().firstValue("Referrer-Policy").orElse(null));
        }
    }

    /** The FORM login a browser performs; returns the signed-in session's "JSESSIONID=…" cookie. */
    static String signIn() throws Exception {
        String first = firstCookie();
        var login = postLogin(first);
        assertTrue(login.statusCode() == 302 || login.statusCode() == 303, "login: " + login.statusCode() + " " + login.body());
        return login.headers().allValues("Set-Cookie").stream().anyMatch(cookie -> cookie.startsWith("JSESSIONID="))
                ? sessionCookie(login).split(";", 2)[0] : first;
    }

    private static String firstCookie() throws Exception {
        var page = send(null, "GET", "/", null);
        assertTrue(isLoginPage(page), "the login page first: " + page.statusCode());
        return sessionCookie(page).split(";", 2)[0];
    }

    private static HttpResponse<String> postLogin(String cookie) throws Exception {
        String form = "j_username=admin&j_password=" + URLEncoder.encode(Api.ADMIN_PASSWORD, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(Api.BASE + "/j_security_check")).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID="))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
    }

    /** A request as a browser sends a cross-site post: the cookie and a body, no Authorization header. */
    private static HttpResponse<String> send(String cookie, String method, String path, String form) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(Api.BASE + path)).timeout(Duration.ofSeconds(30))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", form.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isLoginPage(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().contains("j_security_check");
    }
}
