package org.openreco.recommender.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's views of what the language model does, in a real browser on the real model: a user's
 * page previews their recommendations live (with sources and reasons) and follows their taste when new
 * events arrive; the embeddings view shows the serving generation, the queue and the batch chart, and
 * re-embeds everything into a new generation that replaces the old one, and its pause switch holds changes in
 * the queue until resumed; semantic search finds by meaning.
 */
class EmbeddingsConsoleBrowserIT {

    /** Enough time for the re-embedding batches (every second) on a busy two-core machine. */
    static final Duration EMBEDDING = Duration.ofSeconds(90);

    static final List<String> SPACE = List.of(
            "Rocket voyage to the outer planets", "Astronaut stranded on Mars", "Galactic empire at war among the stars",
            "Alien first contact on a distant moon", "Starship crew explores a black hole", "Space station under siege by aliens",
            "Colonists terraform a frozen exoplanet", "Interstellar smugglers race across the galaxy");
    static final List<String> COOKING = List.of(
            "Slow-cooked Italian tomato sauce", "Baking sourdough bread at home", "Thai green curry with fresh herbs",
            "French pastry and croissant techniques", "Grilling steaks over charcoal", "Vegetarian soups for winter",
            "Chocolate cake and dessert recipes", "Japanese sushi and ramen kitchen");

    @Test
    void the_user_page_previews_live_recommendations_and_the_embeddings_view_rebuilds_a_generation(TestInfo test)
            throws InterruptedException {
        String catalogue = "ui-embed-" + UUID.randomUUID().toString().substring(0, 8);
        String key = ConsoleHttp.catalogueWithKey(catalogue);
        var items = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < SPACE.size(); i++) {
            items.add(Map.of("externalId", "space-" + i, "title", SPACE.get(i), "categories", List.of("science fiction")));
            items.add(Map.of("externalId", "food-" + i, "title", COOKING.get(i), "categories", List.of("cooking")));
        }
        var stored = ConsoleHttp.storefront(key, "POST", "/api/v1/catalogues/" + catalogue + "/items:batch", new Json().toJson(items));
        assertEquals(200, stored.statusCode(), stored.body());
        like(key, catalogue, "reader", "space-", 0, 4);
        awaitRecommendations(key, catalogue, "reader", "space-");

        try (var browser = new ConsoleBrowser(test.getTestMethod().orElseThrow().getName())) {
            browser.signInAsAdmin();

            // the user page: content-based recommendations with reasons, the liked items excluded
            browser.open("/catalogues/" + catalogue + "/users/reader");
            browser.visible("user-recommendations");
            browser.wait.until(d -> browser.cells("user-recommendations").contains("content"));
            List<String> cells = browser.cells("user-recommendations");
            assertTrue(cells.stream().anyMatch(c -> c.startsWith("similar to ")), cells::toString);
            assertTrue(cells.contains("space-5") || cells.contains("space-6") || cells.contains("space-7"), cells::toString);
            assertTrue(cells.stream().noneMatch(c -> c.equals("space-0") || c.equals("space-1")), "liked items are not recommended: " + cells);
            browser.screenshot("space-taste");

            // new events while the page is open: the preview follows the user's taste without a reload
            // liked twice over: ten cooking likes outweigh four space likes; food-5..7 stay unseen
            like(key, catalogue, "reader", "food-", 0, 5);
            like(key, catalogue, "reader", "food-", 0, 5);
            new WebDriverWait(browser.driver, EMBEDDING).until(d -> top(browser.cells("user-recommendations")).startsWith("food-"));
            browser.screenshot("cooking-taste");

            // semantic search by meaning, not by words
            browser.open("/catalogues/" + catalogue + "/search");
            browser.typeInto("search-query", "spaceship journey beyond the solar system");
            browser.click("search-button");
            browser.wait.until(d -> !browser.cells("search-results").isEmpty() && top(browser.cells("search-results")).startsWith("space-"));
            browser.screenshot("search");

            // the embeddings view: model, serving generation, an empty queue, the batch chart
            browser.open("/catalogues/" + catalogue + "/embeddings");
            assertTrue(browser.visible("embeddings-model").getText().contains("all-minilm-l6-v2"));
            String serving = browser.visible("active-generation").getText();
            long first = generation(serving);
            new WebDriverWait(browser.driver, EMBEDDING).until(d -> browser.visible("queue-depth").getText().equals("0"));
            assertTrue(browser.driver.findElements(By.cssSelector("#lag-chart svg path")).size() > 0, "the lag chart draws the batches");

            // re-embed everything: a new generation is built and replaces the serving one
            browser.click("reembed-all");
            browser.click("reembed-confirm");
            new WebDriverWait(browser.driver, EMBEDDING).until(d -> generation(browser.visible("active-generation").getText()) > first);
            assertEquals("No re-embedding running.", browser.visible("build-status").getText());
            browser.screenshot("rebuilt");

            // pause: the view says so and a changed item waits in the queue; resuming drains it
            browser.click("pause-reembedding");
            browser.wait.until(d -> browser.visible("pause-state").getText().startsWith("Re-embedding paused since"));
            var lamp = ConsoleHttp.storefront(key, "PUT", "/api/v1/catalogues/" + catalogue + "/items/paused-lamp",
                    "{\"title\":\"A brass lamp added while paused\"}");
            assertEquals(200, lamp.statusCode(), lamp.body());
            new WebDriverWait(browser.driver, EMBEDDING).until(d -> browser.visible("queue-depth").getText().equals("1"));
            Thread.sleep(2_500); // more than two ticks of the one-second interval: still waiting
            assertEquals("1", browser.visible("queue-depth").getText());
            browser.screenshot("paused");
            browser.click("pause-reembedding");
            browser.wait.until(d -> browser.visible("pause-state").getText().equals("Re-embedding runs."));
            new WebDriverWait(browser.driver, EMBEDDING).until(d -> browser.visible("queue-depth").getText().equals("0"));
        }
        // the new generation serves the same taste
        awaitRecommendations(key, catalogue, "reader", "food-");
        ConsoleHttp.admin("DELETE", "/api/v1/catalogues/" + catalogue, null);
    }

    private static void like(String key, String catalogue, String user, String prefix, int from, int to) {
        var events = new ArrayList<Map<String, Object>>();
        for (int i = from; i < to && i < SPACE.size(); i++) {
            events.add(Map.of("user", user, "item", prefix + i, "type", "like"));
        }
        var posted = ConsoleHttp.storefront(key, "POST", "/api/v1/catalogues/" + catalogue + "/events:batch", new Json().toJson(events));
        assertEquals(200, posted.statusCode(), posted.body());
    }

    /** Waits until the storefront API recommends, by content, an item with this prefix first. */
    @SuppressWarnings("unchecked")
    private static void awaitRecommendations(String key, String catalogue, String user, String prefix) {
        long deadline = System.nanoTime() + EMBEDDING.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            var reply = ConsoleHttp.storefront(key, "GET", "/api/v1/catalogues/" + catalogue + "/users/" + user + "/recommendations?n=5", null);
            last = reply.body();
            if (reply.statusCode() == 200) {
                var list = (List<Map<String, Object>>) ConsoleHttp.object(reply.body()).get("items");
                if (!list.isEmpty() && "content".equals(list.getFirst().get("source"))
                        && ((String) list.getFirst().get("itemId")).startsWith(prefix)) {
                    return;
                }
            }
            sleep(500);
        }
        throw new AssertionError("no content recommendation starting with " + prefix + " within " + EMBEDDING + ": " + last);
    }

    /** The first item id among a recommendation grid's cells (the # column comes first, then the item). */
    private static String top(List<String> cells) {
        int rank = cells.indexOf("1");
        return rank >= 0 && rank + 1 < cells.size() ? cells.get(rank + 1) : "";
    }

    private static long generation(String text) {
        Matcher m = Pattern.compile("generation (\\d+)").matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
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
