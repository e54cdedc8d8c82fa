package org.openreco.recommender.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The browsable API at /api in Chromium: Swagger UI, served by the application from its webjar, reads the
 * server's OpenAPI document, takes the admin's credentials and runs a request against the live API.
 */
class ApiDocsBrowserIT {

    private static final By LIST_CATALOGUES =
            By.xpath("//div[contains(@class,'opblock-get')][.//*[@data-path='/api/v1/catalogues']]");

    @Test
    void swagger_ui_lists_the_api_and_runs_a_request_with_the_admins_credentials() {
        try (var browser = new ConsoleBrowser("api-docs")) {
            browser.open("/api");
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".information-container .title")));
            assertTrue(browser.driver.findElement(By.cssSelector(".information-container .title")).getText()
                    .contains("Recommender API"));
            browser.screenshot("loaded");

            authorize(browser);
            WebElement operation = browser.wait.until(ExpectedConditions.presenceOfElementLocated(LIST_CATALOGUES));
            operation.findElement(By.cssSelector(".opblock-summary")).click();
            browser.wait.until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector("button.try-out__btn")))).click();
            browser.wait.until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector("button.execute")))).click();

            By status = By.cssSelector(".live-responses-table .response .response-col_status");
            browser.wait.until(ExpectedConditions.presenceOfNestedElementLocatedBy(operation, status));
            browser.screenshot("executed");
            assertEquals("200", operation.findElement(status).getText().strip().split("\\s+")[0]);
            String answer = operation.findElement(By.cssSelector(".live-responses-table .response .response-col_description"))
                    .getText();
            assertTrue(answer.contains("content-type: application/json") && answer.contains("["), answer);
        }
    }

    private static void authorize(ConsoleBrowser browser) {
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".scheme-container button.authorize"))).click();
        WebElement user = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux input[name='username']")));
        user.sendKeys("admin");
        WebElement form = user.findElement(By.xpath("./ancestor::form"));
        form.findElement(By.cssSelector("input[name='password']")).sendKeys(AdminCredentials.password());
        form.findElement(By.cssSelector("button.authorize")).click();
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".modal-ux button.btn-done"))).click();
        browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
    }
}
