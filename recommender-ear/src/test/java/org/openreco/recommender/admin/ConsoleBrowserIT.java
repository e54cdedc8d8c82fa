package org.openreco.recommender.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
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
 * The admin console in a real browser against the deployed EAR: Debian's Chromium driven through
 * Debian's chromedriver (given explicitly, so Selenium Manager never looks for, let alone downloads,
 * a driver or a browser), headless, with a fresh profile and HOME in a temporary folder.
 *
 * <p>{@code -Dit.http.url} names the server (default http://localhost:8180, the test server of
 * bin/test); {@code ADMIN_PASSWORD} (environment or system property; else {@code it.admin.password})
 * is the admin's password.
 * Screenshots of every step land in {@code target/screenshots/}.
 */
class ConsoleBrowserIT {

    static final String CHROMIUM = System.getProperty("it.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
    static final String BASE_URL = System.getProperty("it.http.url", "http://localhost:8180").replaceAll("/+$", "");
    static final Path SCREENSHOTS = Path.of(System.getProperty("it.screenshots", "target/screenshots"));
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("it.browser.timeout", 30));

    static Path work;
    static Path home;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    WebDriver browser;
    WebDriverWait wait;
    String testName;
    int shot;

    @BeforeAll
    static void checkTheBrowserAndPrepareItsFolders() throws IOException {
        for (var binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                fail(binary + " is missing: install Debian's chromium and chromium-driver (bin/tools.sh: ensure_chromium)");
            }
        }
        // Belt and braces: should Selenium Manager ever run, it must not go online.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        work = Files.createTempDirectory("console-browser-it-");
        home = Files.createDirectories(work.resolve("home"));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void removeTheBrowserFolders() throws IOException {
        if (work != null) {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void openBrowser(TestInfo test) throws IOException {
        testName = test.getTestMethod().orElseThrow().getName();
        // One chromedriver per browser: quitting the browser stops its driver service too.
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withEnvironment(Map.of("HOME", home.toString(), "SE_OFFLINE", "true"))
                .withLogFile(SCREENSHOTS.resolve(testName + "-chromedriver.log").toFile())
                .build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1400,900",
                "--user-data-dir=" + Files.createTempDirectory(work, "profile-"));
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            screenshot("end");
            browser.quit();
        }
    }

    @Test
    void an_unauthenticated_visit_to_the_console_shows_the_login_page() {
        browser.get(BASE_URL + "/catalogues");

        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        screenshot("login-page");
        assertEquals("post", form.getDomAttribute("method"));
        assertTrue(form.getDomAttribute("action").endsWith("j_security_check"));
        assertTrue(browser.getTitle().startsWith("Sign in"), browser.getTitle());
        assertFalse(browser.findElement(By.id("login-error")).isDisplayed(), "no error before a login attempt");
        assertTrue(browser.findElements(By.tagName("vaadin-app-layout")).isEmpty(), "no console before login");
    }

    @Test
    void a_wrong_password_is_refused_with_an_error_on_the_login_page() {
        browser.get(BASE_URL + "/");
        signIn("admin", "not-the-password-" + UUID.randomUUID());

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        screenshot("login-refused");
        assertTrue(error.getText().contains("Wrong username or password"), error.getText());
        assertTrue(browser.findElement(By.id("login-form")).isDisplayed(), "the form is offered again");
        assertTrue(browser.findElements(By.tagName("vaadin-app-layout")).isEmpty(), "no console after a refused login");
    }

    @Test
    void the_admin_signs_in_and_the_dashboard_counts_the_catalogues_the_api_lists() {
        signInAsAdmin();

        assertEquals("admin", wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("current-user"))).getText());
        for (var figure : List.of("catalogues", "items", "users", "interactions")) {
            wait.until(d -> !d.findElement(By.id("count-" + figure)).getDomAttribute("data-count").isEmpty());
        }
        // The dashboard polls every few seconds (and other tests may be adding catalogues meanwhile):
        // wait for it to agree with the API rather than compare one sample of each.
        wait.until(d -> dashboardAgreesWithTheApi());
        screenshot("dashboard");
    }

    @Test
    void the_admin_creates_a_catalogue_in_the_catalogues_view_and_finds_it_in_the_grid() {
        String name = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        signInAsAdmin();

        openCataloguesView();
        browser.findElement(By.id("add-catalogue")).click();
        typeInto("catalogue-name", name);
        screenshot("new-catalogue-form");
        browser.findElement(By.id("catalogue-save")).click();

        filterGrid(name);
        WebElement cell = wait.until(ExpectedConditions.visibilityOfElementLocated(gridCell(name)));
        screenshot("catalogue-in-grid");
        assertEquals(name, cell.getText().strip());
        assertTrue(cataloguesListedByTheApi().stream().anyMatch(c -> name.equals(c.get("name"))),
                "the API lists the catalogue the console created");

        browser.findElement(By.id("nav-dashboard")).click();
        wait.until(d -> dashboardAgreesWithTheApi());
        screenshot("dashboard-after-create");
    }

    @Test
    void a_name_that_is_taken_is_refused_on_the_name_field() {
        String name = "ui-taken-" + UUID.randomUUID().toString().substring(0, 8);
        createThroughTheApi(name);
        signInAsAdmin();

        openCataloguesView();
        browser.findElement(By.id("add-catalogue")).click();
        typeInto("catalogue-name", name);
        browser.findElement(By.id("catalogue-save")).click();

        WebElement field = browser.findElement(By.id("catalogue-name"));
        wait.until(d -> field.getDomAttribute("invalid") != null);
        screenshot("name-taken");
        String message = field.getDomProperty("errorMessage");
        assertNotNull(message);
        assertTrue(message.contains("already exists"), message);
    }

    @Test
    void the_admin_renames_a_catalogue_and_deletes_it_after_confirming() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String name = "ui-old-" + id;
        String renamed = "ui-new-" + id;
        createThroughTheApi(name);
        signInAsAdmin();

        openCataloguesView();
        filterGrid(name);
        wait.until(ExpectedConditions.elementToBeClickable(gridCell(name))).click();
        wait.until(ExpectedConditions.textToBe(By.id("catalogue-save"), "Rename"));
        typeInto("catalogue-name", renamed);
        screenshot("rename-form");
        browser.findElement(By.id("catalogue-save")).click();

        filterGrid(renamed);
        wait.until(ExpectedConditions.elementToBeClickable(gridCell(renamed)));
        wait.until(d -> apiLists(renamed) && !apiLists(name));
        screenshot("renamed");

        browser.findElement(gridCell(renamed)).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("catalogue-delete"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-confirm-dialog#confirm-delete vaadin-button[slot='confirm-button']")));
        screenshot("confirm-delete");
        browser.findElement(By.cssSelector("vaadin-confirm-dialog#confirm-delete vaadin-button[slot='confirm-button']")).click();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(gridCell(renamed)));
        wait.until(d -> !apiLists(renamed));
        screenshot("deleted");
    }

    @Test
    void logging_out_ends_the_session_and_returns_to_the_login_page() {
        signInAsAdmin();

        browser.findElement(By.id("logout")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        screenshot("logged-out");
        browser.get(BASE_URL + "/catalogues");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertTrue(browser.findElements(By.tagName("vaadin-app-layout")).isEmpty(), "the console needs a new login");
    }

    // --- steps ---------------------------------------------------------------------------------

    private void signInAsAdmin() {
        browser.get(BASE_URL + "/");
        signIn("admin", AdminCredentials.password());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-view")));
    }

    private void signIn(String user, String password) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    private void openCataloguesView() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-catalogues"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("catalogue-grid")));
        wait.until(ExpectedConditions.titleContains("Catalogues"));
    }

    /** Vaadin's text field keeps its native input in the light DOM, slotted into the host element. */
    private void typeInto(String fieldId, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + fieldId + " input")));
        input.clear();
        input.sendKeys(text);
    }

    /** Narrows the grid to one name, so that its row is rendered however many catalogues exist. */
    private void filterGrid(String name) {
        typeInto("catalogue-filter", name);
    }

    /** Grid cells are rendered as light-DOM vaadin-grid-cell-content children of the grid. */
    private static By gridCell(String text) {
        return By.xpath("//vaadin-grid[@id='catalogue-grid']/vaadin-grid-cell-content[normalize-space(.)='" + text + "']");
    }

    private boolean dashboardAgreesWithTheApi() {
        long shown = dashboardCount("catalogues");
        return shown >= 0 && shown == cataloguesListedByTheApi().size();
    }

    private long dashboardCount(String figure) {
        String count = browser.findElement(By.id("count-" + figure)).getDomAttribute("data-count");
        return count == null || count.isEmpty() ? -1 : Long.parseLong(count);
    }

    private void screenshot(String step) {
        try {
            File png = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), SCREENSHOTS.resolve("%s-%02d-%s.png".formatted(testName, ++shot, step)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            System.err.println("no screenshot for " + testName + "/" + step + ": " + e);
        }
    }

    // --- the REST API, as the reference for what the console must show --------------------------

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cataloguesListedByTheApi() {
        var response = send(HttpRequest.newBuilder(URI.create(BASE_URL + "/api/v1/catalogues")).GET());
        assertEquals(200, response.statusCode(), response.body());
        return new Json().toType(response.body(), List.class);
    }

    private static boolean apiLists(String name) {
        return cataloguesListedByTheApi().stream().anyMatch(c -> name.equals(c.get("name")));
    }

    private static void createThroughTheApi(String name) {
        var response = send(HttpRequest.newBuilder(URI.create(BASE_URL + "/api/v1/catalogues"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new Json().toJson(Map.of("name", name)))));
        assertEquals(201, response.statusCode(), response.body());
    }

    /** Admin API calls carry the admin's credentials as HTTP BASIC, which the web module accepts beside the login form. */
    private static HttpResponse<String> send(HttpRequest.Builder request) {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + AdminCredentials.password()).getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(request.header("Authorization", "Basic " + credentials).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("is the server up at " + BASE_URL + "?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
