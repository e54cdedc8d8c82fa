package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The console as a browser uses it, at any address (a balancer's): the FORM login, and whether a session cookie
 * still opens the signed-in console. The cookie ends in ".<node name>", the route the balancer keeps it on.
 */
final class BalancedConsole {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    final String base;

    BalancedConsole(String base) {
        this.base = base;
    }

    /** Signs in as the admin; the session's "JSESSIONID=…" value (without the attribute part). */
    String signIn() throws Exception {
        var page = get(null);
        assertTrue(isLoginPage(page), "the login page first: " + page.statusCode());
        String cookie = sessionCookie(page, null);
        String form = "j_username=admin&j_password=" + URLEncoder.encode(Api.ADMIN_PASSWORD, StandardCharsets.UTF_8);
        var login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check")).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(login.statusCode() == 302 || login.statusCode() == 303, "login: " + login.statusCode() + " " + login.body());
        return sessionCookie(login, cookie);
    }

    /** Whether the cookie opens the console (not the login page); any other answer than those two fails. */
    boolean signedIn(String cookie) throws Exception {
        var page = get(cookie);
        assertTrue(page.statusCode() == 200, "the console answers: " + page.statusCode() + " " + page.body());
        return !isLoginPage(page);
    }

    private HttpResponse<String> get(String cookie) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + "/")).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> response, String otherwise) {
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID="))
                .reduce((first, last) -> last).map(cookie -> cookie.split(";", 2)[0])
                .orElseGet(() -> {
                    assertTrue(otherwise != null, "no session cookie in " + response.headers().map());
                    return otherwise;
                });
    }

    private static boolean isLoginPage(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().contains("j_security_check");
    }
}
