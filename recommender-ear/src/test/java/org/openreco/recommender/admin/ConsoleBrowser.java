package org.openreco.recommender.admin;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driving the console (set up as {@link ConsoleBrowserIT} explains), with
 * the steps the browser tests share: sign in, type into a field, find grid cells, take screenshots.
 */
final class ConsoleBrowser implements AutoCloseable {

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final String testName;
    private final Path profile;
    private int shot;

    ConsoleBrowser(String testName) {
        for (var binary : List.of(ConsoleBrowserIT.CHROMIUM, ConsoleBrowserIT.CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                fail(binary + " is missing: install Debian's chromium and chromium-driver (bin/tools.sh: ensure_chromium)");
            }
        }
        System.setProperty("SE_OFFLINE", "true");
        this.testName = testName;
        try {
            Files.createDirectories(ConsoleBrowserIT.SCREENSHOTS);
            profile = Files.createTempDirectory("console-browser-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(ConsoleBrowserIT.CHROMEDRIVER))
                .usingAnyFreePort()
                .withEnvironment(Map.of("HOME", profile.toString(), "SE_OFFLINE", "true"))
                .build();
        var options = new ChromeOptions();
        options.setBinary(ConsoleBrowserIT.CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1400,1000",
                "--user-data-dir=" + profile.resolve("profile"));
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, ConsoleBrowserIT.TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    void open(String path) {
        driver.get(ConsoleBrowserIT.BASE_URL + path);
    }

    void signInAsAdmin() {
        open("/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys(AdminCredentials.password());
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-view")));
    }

    /** The element once shown, scrolled into the window first: a long view's parts are read wherever they sit. */
    WebElement visible(String id) {
        centre(wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id))));
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    void click(String id) {
        centre(wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id))));
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** Into the middle of the window: at its bottom edge an element of a long view is not clickable. */
    private void centre(WebElement element) {
        try {
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
            // the view re-rendered it meanwhile: the wait that follows finds the new one
        }
    }

    void typeInto(String fieldId, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + fieldId + " input")));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    /** The texts of a grid's body cells, row by row (Vaadin renders cells as light-DOM children in order). */
    List<String> cells(String gridId) {
        return driver.findElements(By.cssSelector("vaadin-grid#" + gridId + " > vaadin-grid-cell-content")).stream()
                .map(cell -> cell.getText().strip()).toList();
    }

    void screenshot(String step) {
        try {
            File png = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), ConsoleBrowserIT.SCREENSHOTS.resolve("%s-%02d-%s.png".formatted(testName, ++shot, step)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot for " + testName + "/" + step + ": " + e);
        }
    }

    @Override
    public void close() {
        screenshot("end");
        driver.quit();
        try (var paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            System.err.println("could not delete " + profile + ": " + e);
        }
    }
}
