package org.openreco.recommender.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Training and quality in a real browser against the real training job: on a small catalogue of four
 * "genres" whose users like their own genre, a first model is trained over the API; the console then
 * trains a second one with its own parameters, follows it to the end and sees it become active, the
 * quality view shows the new run's metrics and charts and the click-through of a storefront answer, the
 * dashboard shows the active model, and the first model is rolled back to.
 */
class TrainingConsoleBrowserIT {

    /** A training of this catalogue takes seconds; the rest is a busy two-core machine. */
    static final Duration TRAINING = Duration.ofSeconds(120);
    static final int GENRES = 4;
    static final int ITEMS_PER_GENRE = 10;
    static final int USERS = 48;
    static final Pattern METRIC = Pattern.compile("\\d\\.\\d{4}");

    @Test
    void the_console_trains_a_model_shows_its_progress_and_evaluation_and_rolls_back(TestInfo test) {
        String catalogue = "ui-train-" + UUID.randomUUID().toString().substring(0, 8);
        String key = ConsoleHttp.catalogueWithKey(catalogue);
        try {
            storeTastes(key, catalogue);
            String ctrSource = clickARecommendation(key, catalogue);
            long first = trainOverTheApi(catalogue);

            try (var browser = new ConsoleBrowser(test.getTestMethod().orElseThrow().getName())) {
                browser.signInAsAdmin();
                browser.open("/catalogues/" + catalogue);
                browser.click("link-training");
                assertTrue(browser.visible("active-model").getText().startsWith("Active: version " + first + ","),
                        browser.visible("active-model").getText());

                // train from the console with small parameters; follow it to the end
                browser.typeInto("training-factors", "8");
                browser.typeInto("training-epochs", "5");
                browser.typeInto("training-k", "5, 10");
                browser.click("train");
                var training = new WebDriverWait(browser.driver, TRAINING);
                // the newest version is the console's once it is created; wait until it serves
                training.until(d -> newestVersion(browser) > first
                        && browser.visible("training-status").getText().matches("Version \\d+: active.*"));
                String status = browser.visible("training-status").getText();
                long second = newestVersion(browser);
                assertTrue(status.contains("epoch 5 of 5"), status);
                assertEquals("1", browser.visible("training-progress").getDomProperty("value"), "the bar is full");
                // the loss of each of the five epochs: one line through five points
                String loss = browser.driver.findElement(By.cssSelector("#loss-chart svg path")).getDomAttribute("d");
                assertEquals(4, loss.split(" L").length - 1, loss);
                assertTrue(browser.visible("active-model").getText().startsWith("Active: version " + second + ","));
                assertTrue(METRIC.matcher(browser.visible("active-model").getText()).find(), "the headline NDCG@10 is shown");
                // the parameters left at their defaults were tuned; the typed ones were kept
                String tuned = browser.visible("tuning-summary").getText();
                assertTrue(tuned.startsWith("Version " + second + ": parameters searched on a validation split"), tuned);
                assertTrue(tuned.contains("factors 8") && tuned.contains("epochs 5"), tuned);
                List<String> versions = browser.cells("model-versions");
                assertTrue(versions.contains("console") && versions.contains("retired") && versions.contains("8"), versions::toString);
                browser.screenshot("trained");

                // what the job was asked: the form's parameters, triggered by the console
                var stored = ConsoleHttp.object(ConsoleHttp.admin("GET",
                        "/api/v1/admin/catalogues/" + catalogue + "/training/" + second, null).body());
                assertEquals("console", stored.get("triggeredBy"));
                assertEquals("active", stored.get("status"));
                var parameters = (Map<?, ?>) stored.get("parameters");
                assertEquals(8L, ((Number) parameters.get("factors")).longValue(), stored::toString);
                assertEquals(5L, ((Number) parameters.get("epochs")).longValue(), stored::toString);
                assertEquals(List.of(5L, 10L), ((List<?>) parameters.get("k")).stream().map(k -> ((Number) k).longValue()).toList());
                long run = ((Number) ((Map<?, ?>) stored.get("metrics")).get("evaluationRunId")).longValue();

                // the quality view: the new run selected, its table equal to the stored metrics, its charts
                browser.click("link-quality");
                browser.visible("run-metrics");
                browser.wait.until(d -> browser.visible("run-summary").getText().startsWith("Run " + run + " "));
                List<String> metrics = browser.cells("run-metrics");
                var ndcg5 = storedMetric(catalogue, run, 5, "ndcg");
                var ndcg10 = storedMetric(catalogue, run, 10, "ndcg");
                for (String ndcg : ndcg10) {
                    assertTrue(metrics.contains(ndcg), ndcg + " in " + metrics);
                }
                assertTrue(metrics.containsAll(List.of("popularity", "ials", "hybrid", "5", "10")), metrics::toString);
                // one bar per algorithm and K with a value
                assertEquals(ndcg5.size() + ndcg10.size(), bars(browser, "ndcg-chart"), metrics::toString);
                assertEquals(storedMetric(catalogue, run, 5, "recall").size() + storedMetric(catalogue, run, 10, "recall").size(),
                        bars(browser, "recall-chart"));
                assertTrue(!browser.driver.findElements(By.cssSelector("#ndcg-trend svg path")).isEmpty(), "NDCG@10 across runs");
                List<String> runs = browser.cells("evaluation-runs");
                assertTrue(runs.contains("version " + first) && runs.contains("version " + second), runs::toString);
                List<String> compared = browser.cells("run-comparison");
                assertTrue(compared.contains("ndcg@10") && compared.stream().anyMatch(c -> c.matches("[+-]\\d\\.\\d{4}")), compared::toString);
                browser.wait.until(d -> browser.cells("ctr-sources").contains(ctrSource));
                List<String> ctr = browser.cells("ctr-sources");
                assertEquals("1", ctr.get(ctr.indexOf(ctrSource) + 2), "one click of " + ctrSource + ": " + ctr);
                assertTrue(!browser.driver.findElements(By.cssSelector("#ctr-chart svg path")).isEmpty(), "the CTR line");
                browser.screenshot("quality");

                // the dashboard shows the active model
                browser.open("/");
                browser.wait.until(d -> browser.cells("active-models").contains(catalogue));
                List<String> active = browser.cells("active-models");
                assertEquals(Long.toString(second), active.get(active.indexOf(catalogue) + 1), active::toString);

                // roll back to the first model
                browser.open("/catalogues/" + catalogue + "/training");
                // the versions grid sits below the fold of the layout's own scroller: bring the button into view first
                var rollBack = browser.visible("activate-" + first);
                browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", rollBack);
                browser.wait.until(d -> rollBack.isDisplayed() && rollBack.isEnabled());
                rollBack.click();
                browser.click("activate-confirm");
                // scrolled out of view now: read the text from the DOM
                browser.wait.until(d -> d.findElement(By.id("active-model")).getDomProperty("textContent")
                        .startsWith("Active: version " + first + ","));
                browser.screenshot("rolled-back");
                var history = ConsoleHttp.admin("GET", "/api/v1/admin/catalogues/" + catalogue + "/training", null).body();
                assertEquals("active", statusOf(history, first), history);
                assertEquals("retired", statusOf(history, second), history);
            }
        } finally {
            ConsoleHttp.admin("DELETE", "/api/v1/catalogues/" + catalogue, null);
        }
    }

    /** Four genres of ten items; each user likes seven items of their genre and one of another. */
    private static void storeTastes(String key, String catalogue) {
        var items = new ArrayList<Map<String, Object>>();
        for (int g = 0; g < GENRES; g++) {
            for (int i = 0; i < ITEMS_PER_GENRE; i++) {
                items.add(Map.of("externalId", "g" + g + "-" + i, "title", "Genre " + g + " item " + i));
            }
        }
        var stored = ConsoleHttp.storefront(key, "POST", "/api/v1/catalogues/" + catalogue + "/items:batch", new Json().toJson(items));
        assertEquals(200, stored.statusCode(), stored.body());
        var random = new Random(6);
        var events = new ArrayList<Map<String, Object>>();
        for (int u = 0; u < USERS; u++) {
            int genre = u % GENRES;
            var liked = new ArrayList<Integer>();
            while (liked.size() < 7) {
                int i = random.nextInt(ITEMS_PER_GENRE);
                if (!liked.contains(i)) {
                    liked.add(i);
                    events.add(Map.of("user", "u" + u, "item", "g" + genre + "-" + i, "type", "like"));
                }
            }
            events.add(Map.of("user", "u" + u, "item", "g" + (genre + 1) % GENRES + "-" + random.nextInt(ITEMS_PER_GENRE), "type", "like"));
        }
        var posted = ConsoleHttp.storefront(key, "POST", "/api/v1/catalogues/" + catalogue + "/events:batch", new Json().toJson(events));
        assertEquals(200, posted.statusCode(), posted.body());
    }

    /** Asks for recommendations and clicks the first one under the answer's request id; returns its source. */
    @SuppressWarnings("unchecked")
    private static String clickARecommendation(String key, String catalogue) {
        var answer = ConsoleHttp.storefront(key, "GET", "/api/v1/catalogues/" + catalogue + "/users/visitor/recommendations?n=5", null);
        assertEquals(200, answer.statusCode(), answer.body());
        var json = ConsoleHttp.object(answer.body());
        var top = ((List<Map<String, Object>>) json.get("items")).getFirst();
        var click = ConsoleHttp.storefront(key, "POST", "/api/v1/catalogues/" + catalogue + "/events",
                new Json().toJson(Map.of("user", "visitor", "item", top.get("itemId"), "type", "click", "requestId", json.get("requestId"))));
        assertTrue(click.statusCode() / 100 == 2, click.body());
        return (String) top.get("source");
    }

    /** Trains with the defaults over the admin API and waits until the version is active. */
    private static long trainOverTheApi(String catalogue) {
        var started = ConsoleHttp.admin("POST", "/api/v1/admin/catalogues/" + catalogue + "/training", "{}");
        assertEquals(202, started.statusCode(), started.body());
        long id = ((Number) ConsoleHttp.object(started.body()).get("id")).longValue();
        long deadline = System.nanoTime() + TRAINING.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = ConsoleHttp.admin("GET", "/api/v1/admin/catalogues/" + catalogue + "/training/" + id, null).body();
            String status = (String) ConsoleHttp.object(last).get("status");
            if ("active".equals(status)) {
                return id;
            }
            assertTrue("training".equals(status), last);
            sleep(500);
        }
        throw new AssertionError("the first training did not finish within " + TRAINING + ": " + last);
    }

    /** A metric at k of every algorithm that has it in the run as the API stores it, formatted as the table shows it. */
    @SuppressWarnings("unchecked")
    private static List<String> storedMetric(String catalogue, long run, int k, String metric) {
        var json = ConsoleHttp.object(ConsoleHttp.admin("GET", "/api/v1/admin/catalogues/" + catalogue + "/evaluations/" + run, null).body());
        var values = new ArrayList<String>();
        for (var result : (List<Map<String, Object>>) json.get("results")) {
            for (var at : (List<Map<String, Object>>) result.get("atK")) {
                if (((Number) at.get("k")).intValue() == k && at.get(metric) instanceof Number value) {
                    values.add(String.format(Locale.ROOT, "%.4f", value.doubleValue()));
                }
            }
        }
        assertTrue(values.size() >= 3, json::toString);
        return values;
    }

    /** The version the newest-training line is about; -1 before there is one. */
    private static long newestVersion(ConsoleBrowser browser) {
        var version = Pattern.compile("^Version (\\d+):").matcher(browser.visible("training-status").getText());
        return version.find() ? Long.parseLong(version.group(1)) : -1;
    }

    private static int bars(ConsoleBrowser browser, String chart) {
        return browser.driver.findElements(By.cssSelector("#" + chart + " svg rect.bar")).size();
    }

    @SuppressWarnings("unchecked")
    private static String statusOf(String history, long id) {
        var versions = new Json().toType(history, List.class);
        return ((List<Map<String, Object>>) versions).stream().filter(v -> ((Number) v.get("id")).longValue() == id)
                .map(v -> (String) v.get("status")).findFirst().orElse("");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
