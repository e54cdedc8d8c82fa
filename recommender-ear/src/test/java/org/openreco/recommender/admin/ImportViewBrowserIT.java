package org.openreco.recommender.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.sql.DriverManager;
import java.sql.SQLException;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The import view in Chromium (set up like {@link ConsoleBrowserIT}): a generated CSV file on the
 * server is imported through the form (the progress bar reaches the end, the counts match the file
 * and the database, the error report is offered for the one bad line), and an uploaded NDJSON file
 * is validated in a dry run, and a failed import is restarted with the view's Restart button.
 */
class ImportViewBrowserIT {

    static final Path SCREENSHOTS = Path.of(System.getProperty("it.screenshots", "target/screenshots"));
    static final int PRODUCTS = 1_500;

    WebDriver browser;
    WebDriverWait wait;
    /** The folder the IT server may import from (the ear pom sets it as its RECOMMENDER_IMPORT_DIRS). */
    static final Path IMPORT_DIR = Path.of(System.getProperty("it.import.dir", "target/it-imports")).toAbsolutePath();

    Path work;
    String testName;
    int shot;

    @BeforeEach
    void openBrowser(TestInfo test) throws IOException {
        testName = test.getTestMethod().orElseThrow().getName();
        for (var binary : List.of(ConsoleBrowserIT.CHROMIUM, ConsoleBrowserIT.CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                fail(binary + " is missing: install Debian's chromium and chromium-driver (bin/tools.sh: ensure_chromium)");
            }
        }
        System.setProperty("SE_OFFLINE", "true");
        // inside the server's import folder (RECOMMENDER_IMPORT_DIRS): files elsewhere are refused
        work = Files.createTempDirectory(Files.createDirectories(IMPORT_DIR), "import-view-it-");
        Files.createDirectories(SCREENSHOTS);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(ConsoleBrowserIT.CHROMEDRIVER))
                .usingAnyFreePort()
                .withEnvironment(Map.of("HOME", Files.createDirectories(work.resolve("home")).toString(), "SE_OFFLINE", "true"))
                .withLogFile(SCREENSHOTS.resolve(testName + "-chromedriver.log").toFile())
                .build();
        var options = new ChromeOptions();
        options.setBinary(ConsoleBrowserIT.CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory(work, "profile-"));
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, ConsoleBrowserIT.TIMEOUT.plusSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            screenshot("end");
            browser.quit();
        }
        try (var paths = Files.walk(work)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void an_import_started_in_the_view_runs_to_the_end_and_shows_its_counts() throws IOException {
        String catalogue = "ui-import-" + UUID.randomUUID().toString().substring(0, 8);
        createCatalogue(catalogue);
        // a generated file on the server's disk (the test runs on the server's machine); line 3 has no title
        var csv = new StringBuilder("sku,name,categories\n");
        for (int n = 1; n <= PRODUCTS; n++) {
            csv.append("p").append(n).append(',').append(n == 2 ? "" : "\"Product " + n + ", boxed\"").append(",tools|garden\n");
        }
        Path file = Files.writeString(work.resolve("products.csv"), csv, StandardCharsets.UTF_8);
        file.toFile().setReadable(true, false);
        work.toFile().setExecutable(true, false);

        browser.get(ConsoleBrowserIT.BASE_URL + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(AdminCredentials.password());
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-view")));

        browser.get(ConsoleBrowserIT.BASE_URL + "/imports/" + catalogue);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-view")));
        typeInto("import-path", file.toString());
        typeInto("import-mapping", "sku=externalId, name=title");
        screenshot("form");
        browser.findElement(By.id("import-start")).click();

        wait.until(d -> "completed".equals(d.findElement(By.id("import-state")).getDomAttribute("data-status")));
        screenshot("finished");
        WebElement bar = browser.findElement(By.id("import-progress"));
        assertEquals(1.0, Double.parseDouble(bar.getDomProperty("value")), 1e-9, "the progress bar reaches the end");
        assertEquals(PRODUCTS, count("import-read"));
        assertEquals(PRODUCTS - 1, count("import-written"));
        assertEquals(1, count("import-rejected"));
        assertTrue(browser.findElement(By.id("import-errors")).isDisplayed(), "the error report is offered");
        assertEquals(PRODUCTS - 1, itemsInTheDatabase(catalogue));
    }

    @Test
    void a_file_uploaded_in_the_view_is_validated_in_a_dry_run_that_writes_nothing() throws IOException {
        String catalogue = "ui-upload-" + UUID.randomUUID().toString().substring(0, 8);
        createCatalogue(catalogue);
        Path file = Files.writeString(work.resolve("events.ndjson"), """
                {"user": "u1", "item": "i1", "type": "view"}
                {"user": "u1", "item": "i2", "type": "rating", "value": "lots"}
                {"user": "u2", "item": "i1", "type": "purchase"}
                """, StandardCharsets.UTF_8);

        signInAndOpen(catalogue);
        selectOption("import-kind", "events");
        selectOption("import-format", "NDJSON (one object per line)");
        // the file input lives in vaadin-upload's shadow DOM
        browser.findElement(By.id("import-upload")).getShadowRoot()
                .findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
        wait.until(d -> d.findElement(By.id("import-uploaded")).getText().contains("events.ndjson"));
        browser.findElement(By.cssSelector("#import-dry-run input")).click();
        screenshot("uploaded");
        browser.findElement(By.id("import-start")).click();

        wait.until(d -> "completed".equals(d.findElement(By.id("import-state")).getDomAttribute("data-status")));
        screenshot("finished");
        assertTrue(browser.findElement(By.id("import-state")).getText().contains("dry run"));
        assertEquals(3, count("import-read"));
        assertEquals(0, count("import-written"));
        assertEquals(1, count("import-rejected"));
    }

    @Test
    void a_failed_import_is_restarted_from_its_checkpoint_with_the_restart_button() throws IOException {
        String catalogue = "ui-restart-" + UUID.randomUUID().toString().substring(0, 8);
        createCatalogue(catalogue);
        // a JSON array that breaks after 1,500 objects: the first chunk (1,000) commits, then the import fails
        Path file = work.resolve("products.json");
        Files.writeString(file, products(1, 1_500) + ", {broken", StandardCharsets.UTF_8);
        file.toFile().setReadable(true, false);
        work.toFile().setExecutable(true, false);

        signInAndOpen(catalogue);
        selectOption("import-format", "JSON array of objects");
        typeInto("import-path", file.toString());
        browser.findElement(By.id("import-start")).click();
        wait.until(d -> "failed".equals(d.findElement(By.id("import-state")).getDomAttribute("data-status")));
        screenshot("failed");
        assertEquals(1_000, count("import-read"), "the committed chunk");
        assertEquals(1_000, itemsInTheDatabase(catalogue));

        // the file is mended (and has grown): the restart goes on after the checkpoint
        Files.writeString(file, products(1, 2_000) + "]", StandardCharsets.UTF_8);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("import-restart"))).click();
        wait.until(d -> "completed".equals(d.findElement(By.id("import-state")).getDomAttribute("data-status")));
        screenshot("restarted");
        assertEquals(2_000, count("import-read"), "records 1,001 to 2,000 read after the checkpoint");
        assertEquals(2_000, count("import-written"));
        assertEquals(2_000, itemsInTheDatabase(catalogue));
        assertTrue(browser.findElement(By.id("import-recent")).getText().contains("completed"));
    }

    /** "[{...}, {...}" : products from..to as a JSON array without its closing bracket */
    private static String products(int from, int to) {
        var json = new StringBuilder("[");
        for (int n = from; n <= to; n++) {
            json.append(n == from ? "" : ",\n").append("{\"externalId\": \"p").append(n)
                    .append("\", \"title\": \"Product ").append(n).append("\"}");
        }
        return json.toString();
    }

    private void signInAndOpen(String catalogue) {
        browser.get(ConsoleBrowserIT.BASE_URL + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(AdminCredentials.password());
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-view")));
        browser.get(ConsoleBrowserIT.BASE_URL + "/imports/" + catalogue);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-view")));
    }

    /** Opens a vaadin-select and picks the item with the given label (the overlay's items are vaadin-select-item elements). */
    private void selectOption(String selectId, String label) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(selectId))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//vaadin-select-item[normalize-space(.)='" + label + "']"))).click();
    }

    private long count(String id) {
        return Long.parseLong(browser.findElement(By.id(id)).getDomAttribute("data-count"));
    }

    private void typeInto(String fieldId, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + fieldId + " input")));
        input.clear();
        input.sendKeys(text);
    }

    private void screenshot(String step) {
        try {
            File png = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), SCREENSHOTS.resolve("%s-%02d-%s.png".formatted(testName, ++shot, step)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot for " + testName + "/" + step + ": " + e);
        }
    }

    private static long itemsInTheDatabase(String catalogue) {
        try (var db = DriverManager.getConnection(
                System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://localhost:55432/recommender"),
                System.getenv().getOrDefault("DB_USER", "recommender"),
                System.getenv().getOrDefault("DB_PASSWORD", "recommender"));
             var query = db.prepareStatement("select count(*) from item i join catalogue c on c.id = i.catalogue_id where c.name = ?")) {
            query.setString(1, catalogue);
            var row = query.executeQuery();
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createCatalogue(String name) {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + AdminCredentials.password()).getBytes(StandardCharsets.UTF_8));
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(ConsoleBrowserIT.BASE_URL + "/api/v1/catalogues"))
                    .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
