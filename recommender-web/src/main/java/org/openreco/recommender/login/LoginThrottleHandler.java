package org.openreco.recommender.login;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.Json;
import java.time.Duration;
import org.openreco.recommender.platform.boundary.LoginThrottle;

/**
 * A login attempt — a request with {@code Authorization: Basic}, or the console's form posted to
 * {@code j_security_check} — from a locked-out address is answered 429 with Retry-After before its
 * password is checked; otherwise its outcome (authenticated or not, read when the exchange completes) is
 * reported. Everything else, API-key calls and the console's session included, passes untouched.
 */
class LoginThrottleHandler implements HttpHandler {

    private static final String BASIC = "Basic ";
    private static final String FORM_LOGIN = "/j_security_check";

    private final HttpHandler next;
    private volatile LoginThrottle throttle;

    LoginThrottleHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!isLoginAttempt(exchange)) {
            next.handleRequest(exchange);
            return;
        }
        LoginThrottle logins = throttle();
        String address = exchange.getSourceAddress().getAddress().getHostAddress();
        Duration wait = logins.refusal(address);
        if (!wait.isZero()) {
            refuse(exchange, wait);
            return;
        }
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                var security = done.getSecurityContext();
                if (security != null && security.isAuthenticated()) {
                    logins.succeeded(address);
                } else {
                    logins.failed(address);
                }
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    private static boolean isLoginAttempt(HttpServerExchange exchange) {
        return isLoginAttempt(exchange.getRequestMethod().toString(), exchange.getRelativePath(),
                exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
    }

    static boolean isLoginAttempt(String method, String path, String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return true;
        }
        return Methods.POST_STRING.equals(method) && path != null && path.endsWith(FORM_LOGIN);
    }

    private static void refuse(HttpServerExchange exchange, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        exchange.setStatusCode(429);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/problem+json");
        exchange.getResponseSender().send(refusal(seconds, exchange.getRequestPath()));
    }

    /** The API's problem details (RFC 9457, with its {@code error} and {@code message} members), built here as the handler runs before JAX-RS. */
    static String refusal(long seconds, String path) {
        String message = "too many failed logins from this address: try again in " + seconds + " s";
        return Json.createObjectBuilder()
                .add("type", "tag:openreco.org,2026:problem:too_many_requests")
                .add("title", "Too many failed logins")
                .add("status", 429)
                .add("detail", message)
                .add("instance", path)
                .add("error", "too_many_requests")
                .add("message", message)
                .build().toString();
    }

    private LoginThrottle throttle() {
        if (throttle == null) {
            throttle = CDI.current().select(LoginThrottle.class).get();
        }
        return throttle;
    }
}
