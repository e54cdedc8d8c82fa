package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Failed admin logins are throttled per client address. Each test speaks HTTP from an address of its own
 * in 127.0.0.0/8, so that the lockout it provokes touches no other test (they all call from 127.0.0.1), and
 * guesses as another user than the admin, whom Elytron's own per-identity lock would otherwise disable.
 */
class LoginThrottleIT {

    private static final String ADMIN_PATH = "/api/v1/admin/catalogues/no-such-catalogue/training";
    private static final int MAX_ATTEMPTS = 100;
    private static final String GUESSER = "intruder";

    record Answer(int status, Map<String, String> headers, String body) {
    }

    @Test
    void wrong_passwords_lock_the_address_out_then_the_right_one_works_again() throws Exception {
        String address = freshAddress();
        String other = freshAddress();
        int failures = 0;
        Answer answer;
        while ((answer = basic(address, GUESSER, "guess")).status() == 401) {
            failures++;
            assertTrue(failures < MAX_ATTEMPTS, "no lockout after " + MAX_ATTEMPTS + " wrong passwords");
        }
        long lockedAt = System.nanoTime();
        assertEquals(429, answer.status(), answer.toString());
        assertTrue(failures >= 3, "locked out after " + failures + " failures only");
        long retryAfter = Long.parseLong(answer.headers().get("retry-after"));
        assertTrue(retryAfter >= 1, answer.toString());
        // the IT server runs with -Drecommender.login.lockout-seconds=10 (the default would be 60)
        assertTrue(retryAfter <= 10, "the system property set the lockout: " + answer);
        assertTrue(answer.body().contains("\"type\":\"tag:openreco.org,2026:problem:too_many_requests\""), answer.body());
        assertTrue(answer.body().contains("\"status\":429"), answer.body());

        Answer right = basic(address, "admin", Api.ADMIN_PASSWORD);
        assertEquals(429, right.status(), "during the lockout not even the right password is checked: " + right);
        assertEquals(404, basic(other, "admin", Api.ADMIN_PASSWORD).status(), "another address is not locked out");
        assertEquals(404, Api.get(ADMIN_PATH).status(), "nor is the tests' own address");
        assertTrue(metric("recommender_login_attempts_total", "outcome=\"refused\"") >= 1);
        assertTrue(metric("recommender_login_lockouts_total", null) >= 1);

        Thread.sleep(Math.max(0, retryAfter * 1000 + 500 - (System.nanoTime() - lockedAt) / 1_000_000));
        assertEquals(404, basic(address, "admin", Api.ADMIN_PASSWORD).status(), "the right password works after the window");
        assertEquals(401, basic(address, GUESSER, "guess").status(), "and the count started afresh");
    }

    @Test
    void wrong_admin_passwords_from_many_addresses_do_not_lock_the_admin_out() {
        for (int i = 0; i < 12; i++) {
            assertEquals(401, basic(freshAddress(), "admin", "guess-" + i).status());
        }
        assertEquals(404, basic(freshAddress(), "admin", Api.ADMIN_PASSWORD).status(),
                "one failure per address locks no address, and the admin's account stays usable");
    }

    @Test
    void storefront_calls_with_api_keys_are_never_throttled() throws Exception {
        String address = freshAddress();
        Answer answer;
        do {
            answer = basic(address, GUESSER, "guess");
        } while (answer.status() == 401);
        assertEquals(429, answer.status());
        var shop = Storefront.create("throttle");
        Answer withKey = send(address, "GET /api/v1/catalogues/" + shop.catalogue + "/items/nothing HTTP/1.1\r\n"
                + "Authorization: Bearer " + shop.key + "\r\n", null);
        assertEquals(404, withKey.status(), "a key is not a login: " + withKey);
    }

    @Test
    void wrong_console_logins_are_throttled_too() throws Exception {
        String address = freshAddress();
        int failures = 0;
        Answer answer;
        while ((answer = form(address, GUESSER, "guess")).status() != 429) {
            assertNotEquals(500, answer.status(), answer.toString());
            failures++;
            assertTrue(failures < MAX_ATTEMPTS, "no lockout after " + MAX_ATTEMPTS + " wrong passwords: " + answer);
        }
        assertTrue(answer.headers().containsKey("retry-after"), answer.toString());
        assertEquals(429, form(address, "admin", Api.ADMIN_PASSWORD).status(), "locked out: " + answer);
    }

    private static Answer basic(String address, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(address, "GET " + ADMIN_PATH + " HTTP/1.1\r\nAuthorization: Basic " + credentials + "\r\n", null);
    }

    private static Answer form(String address, String user, String password) {
        String body = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(address, "POST /j_security_check HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n", body);
    }

    /** One request on its own connection from {@code address}: the JDK's HTTP client cannot choose it. */
    private static Answer send(String address, String head, String body) {
        URI server = URI.create(Api.BASE);
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String request = head + "Host: " + server.getHost() + ":" + server.getPort() + "\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Length: " + content.length + "\r\n") + "\r\n";
            var out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(), lines[i].substring(colon + 1).strip());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String freshAddress() {
        var random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    /** The sum of a counter's samples on the Prometheus endpoint whose labels contain {@code labels}. */
    private static double metric(String name, String labels) {
        String text;
        try {
            text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ServerDeployment.MANAGEMENT_URL + "/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && (labels == null || line.contains(labels))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        assertFalse(!found, name + " is not on the Prometheus endpoint");
        return sum;
    }
}
