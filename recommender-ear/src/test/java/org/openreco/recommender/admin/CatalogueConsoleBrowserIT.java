package org.openreco.recommender.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A catalogue's pages of the console in a real browser (set up like {@link ConsoleBrowserIT}): the items
 * grid (items stored through the storefront API, then filtered, edited and hidden in the console, checked
 * through the API again) and the catalogue page (settings, API keys shown once and revoked).
 */
class CatalogueConsoleBrowserIT {

    static final String BASE_URL = ConsoleBrowserIT.BASE_URL;
    static final String SCRIPT_TITLE = "<script>window.pwned=1</script><b>Bold</b> lamp";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    WebDriver browser;
    WebDriverWait wait;
    String testName;
    int shot;
    Path profile;

    @BeforeEach
    void openBrowser(TestInfo test) throws IOException {
        for (var binary : List.of(ConsoleBrowserIT.CHROMIUM, ConsoleBrowserIT.CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                fail(binary + " is missing: install Debian's chromium and chromium-driver (bin/tools.sh: ensure_chromium)");
            }
        }
        System.setProperty("SE_OFFLINE", "true");
        testName = test.getTestMethod().orElseThrow().getName();
        Files.createDirectories(ConsoleBrowserIT.SCREENSHOTS);
        profile = Files.createTempDirectory("items-browser-it-");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(ConsoleBrowserIT.CHROMEDRIVER))
                .usingAnyFreePort()
                .withEnvironment(Map.of("HOME", profile.toString(), "SE_OFFLINE", "true"))
                .build();
        var options = new ChromeOptions();
        options.setBinary(ConsoleBrowserIT.CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1400,900",
                "--user-data-dir=" + profile.resolve("profile"));
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, ConsoleBrowserIT.TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            screenshot("end");
            browser.quit();
        }
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_admin_filters_the_items_grid_edits_an_item_and_hides_another() {
        String catalogue = "ui-items-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, admin("POST", "/api/v1/catalogues", "{\"name\":\"" + catalogue + "\"}").statusCode());
        var key = admin("POST", "/api/v1/catalogues/" + catalogue + "/api-keys", "{\"name\":\"ui\"}");
        Map<String, Object> created = new Json().toType(key.body(), Map.class);
        String apiKey = (String) created.get("key");
        var batch = storefront(apiKey, "POST", "/api/v1/catalogues/" + catalogue + "/items:batch", new Json().toJson(List.of(
                Map.of("externalId", "lamp-1", "title", "Desk lamp", "categories", List.of("lighting")),
                Map.of("externalId", "lamp-2", "title", SCRIPT_TITLE, "categories", List.of("lighting")),
                Map.of("externalId", "chair-1", "title", "Office chair", "categories", List.of("furniture")))));
        assertEquals(200, batch.statusCode(), batch.body());

        signInAsAdmin();
        browser.get(BASE_URL + "/catalogues/" + catalogue + "/items");
        wait.until(ExpectedConditions.visibilityOfElementLocated(cell("Office chair")));
        screenshot("all-items");

        // filter: the chair goes, the lamps stay; markup in a title shows as text and never runs
        typeInto("item-filter", "lamp");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(cell("Office chair")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(cell("Desk lamp")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(cell(SCRIPT_TITLE)));
        assertEquals(null, ((ChromeDriver) browser).executeScript("return window.pwned"));
        assertTrue(browser.findElements(By.cssSelector("vaadin-grid-cell-content b")).isEmpty(), "no markup rendered");
        screenshot("filtered");

        // edit: select the row, change the title, save
        browser.findElement(cell("Desk lamp")).click();
        wait.until(ExpectedConditions.textToBe(By.id("item-form-heading"), "Item lamp-1"));
        typeInto("item-title", "Desk lamp, brass");
        browser.findElement(By.id("item-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(cell("Desk lamp, brass")));
        screenshot("edited");
        assertTrue(storefront(apiKey, "GET", "/api/v1/catalogues/" + catalogue + "/items/lamp-1", null).body()
                .contains("\"title\":\"Desk lamp, brass\""));

        // hide: the row's button; the API shows it unavailable
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-button.item-toggle[data-item='lamp-2']"))).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("vaadin-button.item-toggle[data-item='lamp-2']"), "Unhide"));
        screenshot("hidden");
        String hidden = storefront(apiKey, "GET", "/api/v1/catalogues/" + catalogue + "/items/lamp-2", null).body();
        assertTrue(hidden.contains("\"available\":false"), hidden);
        assertFalse(storefront(apiKey, "GET", "/api/v1/catalogues/" + catalogue + "/items/lamp-1", null).body()
                .contains("\"available\":false"));
    }

    @Test
    void the_admin_saves_settings_creates_a_key_shown_once_and_revokes_it() {
        String catalogue = "ui-keys-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, admin("POST", "/api/v1/catalogues", "{\"name\":\"" + catalogue + "\"}").statusCode());
        signInAsAdmin();
        browser.get(BASE_URL + "/catalogues/" + catalogue);
        wait.until(ExpectedConditions.textToBe(By.id("catalogue-counts"), "0 items · 0 users · 0 interactions"));

        // settings: change the re-embedding interval and save
        WebElement interval = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#reembed-interval input")));
        interval.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        interval.sendKeys("45");
        browser.findElement(By.id("settings-save")).click();
        wait.until(d -> admin("GET", "/api/v1/catalogues/" + catalogue + "/settings", null).body()
                .contains("\"reembedIntervalSeconds\":45"));

        // a key: shown once in a dialog, works on the storefront API, then revoked
        typeInto("api-key-name", "web <shop>");
        browser.findElement(By.id("create-api-key")).click();
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#new-api-key input")));
        String apiKey = secret.getDomProperty("value");
        screenshot("key-shown-once");
        assertTrue(apiKey.startsWith("rk_"), apiKey);
        assertEquals(200, storefront(apiKey, "PUT", "/api/v1/catalogues/" + catalogue + "/items/a", "{\"title\":\"A\"}").statusCode());
        browser.findElement(By.id("close-api-key-dialog")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//vaadin-grid[@id='api-key-grid']/vaadin-grid-cell-content[normalize-space(.)='web <shop>']")));
        assertFalse(browser.getPageSource().contains(apiKey), "the key is not shown again");
        // the keys sit at the bottom of the page, where the 4 s "saved" notifications cover them
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.tagName("vaadin-notification-card")));
        WebElement revoke = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-button.revoke-key")));
        ((ChromeDriver) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", revoke);
        revoke.click();
        wait.until(d -> storefront(apiKey, "GET", "/api/v1/catalogues/" + catalogue + "/items/a", null).statusCode() == 401);
        screenshot("revoked");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_users_grid_leads_to_a_user_page_with_their_events_newest_first() throws Exception {
        String catalogue = "ui-users-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, admin("POST", "/api/v1/catalogues", "{\"name\":\"" + catalogue + "\"}").statusCode());
        Map<String, Object> created = new Json().toType(
                admin("POST", "/api/v1/catalogues/" + catalogue + "/api-keys", "{\"name\":\"ui\"}").body(), Map.class);
        String apiKey = (String) created.get("key");
        String path = "/api/v1/catalogues/" + catalogue + "/";
        assertEquals(200, storefront(apiKey, "PUT", path + "items/old", "{\"title\":\"Old book\"}").statusCode());
        assertEquals(200, storefront(apiKey, "PUT", path + "items/new", "{\"title\":\"<i>New</i> book\"}").statusCode());
        assertEquals(200, storefront(apiKey, "PUT", path + "users/reader", "{\"profileText\":\"<script>x()</script>\"}").statusCode());
        // events come from the events API (another part of this issue); written here directly
        try (var db = java.sql.DriverManager.getConnection(env("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test"),
                env("DB_USER", "recommender"), env("DB_PASSWORD", "recommender"));
                var insert = db.prepareStatement("""
                        insert into interaction (catalogue_id, user_id, item_id, type, occurred_at)
                        select c.id, u.id, i.id, ?, now() - make_interval(days => ?) from catalogue c
                        join app_user u on u.catalogue_id = c.id join item i on i.catalogue_id = c.id
                        where c.name = ? and i.external_id = ?""")) {
            for (Object[] event : new Object[][] {{"view", 3, "old"}, {"purchase", 1, "new"}, {"click", 2, "old"}}) {
                insert.setString(1, (String) event[0]);
                insert.setInt(2, (Integer) event[1]);
                insert.setString(3, catalogue);
                insert.setString(4, (String) event[2]);
                assertEquals(1, insert.executeUpdate());
            }
        }
        signInAsAdmin();
        browser.get(BASE_URL + "/catalogues/" + catalogue + "/users");
        By reader = By.xpath("//vaadin-grid[@id='user-grid']/vaadin-grid-cell-content[normalize-space(.)='reader']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(reader)).click();
        wait.until(ExpectedConditions.textToBe(By.id("user-profile"), "<script>x()</script>"));
        By types = By.xpath("//vaadin-grid[@id='user-history']/vaadin-grid-cell-content");
        wait.until(d -> d.findElements(types).stream().anyMatch(c -> c.getText().equals("<i>New</i> book")));
        screenshot("history");
        List<String> shown = browser.findElements(types).stream().map(WebElement::getText)
                .filter(t -> List.of("view", "purchase", "click").contains(t)).toList();
        assertEquals(List.of("purchase", "click", "view"), shown, "newest first");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private void signInAsAdmin() {
        browser.get(BASE_URL + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(AdminCredentials.password());
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-view")));
    }

    private static By cell(String text) {
        return By.xpath("//vaadin-grid[@id='item-grid']/vaadin-grid-cell-content[normalize-space(.)=" + xpathLiteral(text) + "]");
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    private void typeInto(String fieldId, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + fieldId + " input")));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private void screenshot(String step) {
        try {
            File png = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), ConsoleBrowserIT.SCREENSHOTS.resolve("%s-%02d-%s.png".formatted(testName, ++shot, step)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot for " + testName + "/" + step + ": " + e);
        }
    }

    private static HttpResponse<String> admin(String method, String path, String json) {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + AdminCredentials.password()).getBytes(StandardCharsets.UTF_8));
        return send(method, path, json, "Basic " + credentials);
    }

    private static HttpResponse<String> storefront(String key, String method, String path, String json) {
        return send(method, path, json, "Bearer " + key);
    }

    private static HttpResponse<String> send(String method, String path, String json, String authorization) {
        var request = HttpRequest.newBuilder(URI.create(BASE_URL + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(30));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
