package org.openreco.recommender.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Storefront recommendation requests from a few concurrent clients for a while, counted per second (answers,
 * errors: any status but 200, or no answer within 10 s), with something done to the servers in the middle.
 */
final class RecommendationLoad {

    private static final int CLIENTS = 8;

    /** What happens to the servers at a moment of the run. */
    interface Incident {
        void happen() throws Exception;
    }

    private final String base;
    private final String catalogue;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RecommendationLoad(String base, String catalogue, String key) {
        this.base = base;
        this.catalogue = catalogue;
        this.key = key;
    }

    Report run(Duration length, Duration at, Incident incident) throws Exception {
        int seconds = (int) length.toSeconds();
        var answers = new AtomicIntegerArray(seconds + 1);
        var errors = new AtomicIntegerArray(seconds + 1);
        ConcurrentMap<String, Integer> failures = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; System.nanoTime() - started < length.toNanos(); i++) {
                    String failure = ask("user-" + client + "-" + (i % 20));
                    int second = (int) Math.min(seconds, (System.nanoTime() - started) / 1_000_000_000L);
                    (failure == null ? answers : errors).incrementAndGet(second);
                    if (failure != null) {
                        failures.merge(failure, 1, Integer::sum);
                    }
                }
            }));
        }
        Thread.sleep(at.toMillis());
        incident.happen();
        for (var client : clients) {
            client.join();
        }
        return new Report(answers, errors, (int) at.toSeconds(), failures);
    }

    /** null when answered, else what went wrong. */
    private String ask(String user) {
        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/catalogues/" + catalogue + "/users/" + user
                + "/recommendations?n=5")).header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? null : "status " + status;
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    record Report(AtomicIntegerArray answers, AtomicIntegerArray errors, int incidentSecond, Map<String, Integer> failures) {

        int answeredBefore() {
            int sum = 0;
            for (int s = 0; s < incidentSecond; s++) {
                sum += answers.get(s);
            }
            return sum;
        }

        int answeredAfter() {
            int sum = 0;
            for (int s = incidentSecond + 1; s < answers.length(); s++) {
                sum += answers.get(s);
            }
            return sum;
        }

        int errorsFrom(Duration from) {
            int sum = 0;
            for (int s = (int) from.toSeconds(); s < errors.length(); s++) {
                sum += errors.get(s);
            }
            return sum;
        }

        double errorRate() {
            long all = 0;
            long failed = 0;
            for (int s = 0; s < answers.length(); s++) {
                all += answers.get(s) + errors.get(s);
                failed += errors.get(s);
            }
            return all == 0 ? 1 : (double) failed / all;
        }

        @Override
        public String toString() {
            var text = new StringBuilder();
            for (int s = 0; s < answers.length(); s++) {
                int all = answers.get(s) + errors.get(s);
                text.append(String.format("  %2d s: %4d answers, %3d errors (%.1f %%)%s%n", s, answers.get(s), errors.get(s),
                        all == 0 ? 0.0 : 100.0 * errors.get(s) / all, s == incidentSecond ? "  <- node killed" : ""));
            }
            text.append(String.format("  overall error rate %.2f %%%s", 100 * errorRate(), failures.isEmpty() ? "" : ", " + failures));
            return text.toString();
        }
    }
}
