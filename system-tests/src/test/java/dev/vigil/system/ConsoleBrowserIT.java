package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testsupport.auth.TestApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's Chromium, headless, through its chromedriver) against the whole
 * system behind the gateway: sign in, create an automation in the editor, see it listed with its summary,
 * toggle it off and on, post events through the API and watch them arrive in the live feed, see the firing's
 * delivered action, run a backtest and see its chart, explain an event that does not match, sign out and be
 * sent to sign-in. Screenshots of every page at 1280 and 390 px go to {@code console/target/screenshots/}.
 */
@ExtendWith(VigilSystem.class)
class ConsoleBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int WIDE = 1280;
    private static final int NARROW = 390;
    private static final int HEIGHT = 900;
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    /** A firing's delivery: the events through Kafka, the evaluator, the actuator and the webhook. */
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);
    private static final String PINGED = "console.test.pinged";
    private static final String HOOK_PATH = "/console-hook";
    private static final int PAGE_TIMING_REQUESTS = 100;

    @RegisterExtension
    final WebhookReceiver receiver = new WebhookReceiver(HOOK_PATH);

    private WebDriver driver;
    private Path screenshots;
    private String gateway;

    @BeforeEach
    void openBrowser() throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (bin/test installs it: apt-get install chromium)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt-get install chromium-driver)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDE + "," + HEIGHT);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        screenshots = SystemSettings.findRepoRoot().resolve("console/target/screenshots");
        Files.createDirectories(screenshots);
        gateway = VigilSystem.gatewayUrl();
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aUserWorksThroughTheConsole() throws Exception {
        String tag = "console-" + UUID.randomUUID();
        String resource = "console.res." + UUID.randomUUID();
        String name = "console marmots " + UUID.randomUUID();
        VigilApi api = new VigilApi(gateway, ApiPrefix.defaultWorkspace());
        String blockId = api.createWebhookBlock("console-hook-" + UUID.randomUUID(), receiver.url());

        // Signed out, every page sends the browser to sign-in.
        driver.get(gateway + "/automations");
        waitForPath("/signin");
        capture("signin");
        driver.findElement(By.id("api_key")).sendKeys(TestApiKeys.ADMIN);
        driver.findElement(By.id("sign-in")).click();
        waitForPath("/automations");
        assertThat(driver.getPageSource()).doesNotContain(TestApiKeys.ADMIN);

        // Create through the editor, starting from the custom template.
        driver.get(gateway + "/automations/new?template=flow-run-state");
        assertThat(editor().getAttribute("value")).contains("prefect.flow-run.Failed");
        capture("automation-new");
        driver.get(gateway + "/automations/new?template=custom");
        WebElement document = editor();
        document.clear();
        document.sendKeys(new ObjectMapper().writeValueAsString(automation(name, tag, resource, blockId)));
        driver.findElement(By.id("save-automation")).click();
        new WebDriverWait(driver, PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("trigger-summary")));
        String summary = "When 2 or more `" + PINGED + "` events from resources matching `" + resource
                + "` occur within 5 minutes";
        assertThat(text(By.id("trigger-summary"))).isEqualTo(summary);
        String detailUrl = driver.getCurrentUrl();

        // Listed with its summary (filtered by its own tag), toggled off and on again.
        driver.get(gateway + "/automations?tag=" + tag);
        WebElement row = driver.findElement(By.cssSelector("table.automations tbody tr"));
        assertThat(row.findElement(By.cssSelector(".automation-name")).getText()).isEqualTo(name);
        assertThat(row.findElement(By.cssSelector(".summary")).getText()).isEqualTo(summary);
        // Its firings over the last day (none yet) arrive in a fragment loaded after the list is shown.
        new WebDriverWait(driver, PAGE_WAIT).until(d -> d.findElement(
                By.cssSelector("table.automations tbody tr td.firings")).getText().equals("0"));
        capture("automations");
        toggle("Off");
        toggle("On");

        // The live feed: open it, then post events through the API; they appear without a reload.
        driver.get(gateway + "/events?prefix=console.test.");
        api.postEvents(List.of(VigilApi.event(PINGED, resource), VigilApi.event(PINGED, resource)));
        new WebDriverWait(driver, PAGE_WAIT).until(d -> d.findElements(By.cssSelector("#feed .resource")).stream()
                .anyMatch(e -> e.getText().equals(resource)));
        assertThat(driver.findElements(By.cssSelector("#feed .resource")).stream()
                .filter(e -> e.getText().equals(resource)).count()).isEqualTo(2);
        capture("events");

        // The firing's action, delivered: on the automation's page and in the delivery log.
        await("the delivered action on the automation's page (logs: " + VigilSystem.logDir() + ")")
                .atMost(DELIVERY_WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    driver.get(detailUrl);
                    return !driver.findElements(By.cssSelector("#recent-deliveries .status-succeeded")).isEmpty();
                });
        assertThat(receiver.getAllServeEvents()).hasSize(1);
        capture("automation-detail");
        driver.get(gateway + "/deliveries?automation_id=" + detailUrl.substring(detailUrl.lastIndexOf('/') + 1));
        capture("deliveries");
        driver.findElement(By.cssSelector("#deliveries tbody tr a")).click();
        new WebDriverWait(driver, PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("attempts")));
        assertThat(text(By.cssSelector("#attempts tbody tr td:nth-child(5)"))).isEqualTo("200");
        assertThat(driver.findElements(By.cssSelector("#attempts-chart rect.attempt"))).hasSize(1);
        capture("delivery");
        driver.get(gateway + "/deliveries/dead-letters");
        assertThat(text(By.tagName("h1"))).isEqualTo("Dead letters");
        capture("dead-letters");

        // Backtest over the stored history (the last hour, the form's default): the chart shows the firing.
        driver.get(detailUrl);
        driver.findElement(By.id("run-backtest")).click();
        new WebDriverWait(driver, PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#backtest-result svg.chart")));
        assertThat(driver.findElements(By.cssSelector("#backtest-result svg.chart circle.firing"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#backtest-result svg.chart .bars rect"))).isNotEmpty();
        capture("backtest", By.id("backtest-result"));

        // Explain an event that does not match: the failing clause is named.
        WebElement event = driver.findElement(By.id("event"));
        event.clear();
        event.sendKeys("{\"id\": \"" + UUID.randomUUID() + "\", \"occurred\": \"2026-01-01T00:00:00Z\","
                + " \"event\": \"console.test.other\", \"resource\": {\"prefect.resource.id\": \"" + resource + "\"}}");
        driver.findElement(By.id("run-explain")).click();
        new WebDriverWait(driver, PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("explain-result")));
        assertThat(text(By.cssSelector("#explain-result .outcome"))).isEqualTo("nothing");
        WebElement failing = driver.findElement(By.cssSelector("#explain-result tr.fail"));
        assertThat(failing.getText()).startsWith("expect").contains(PINGED).contains("fails");
        capture("explain", By.id("explain-result"));

        // The events filter bar's labels and time range.
        driver.get(gateway + "/events?range=24h&labels=prefect.resource.id%3D" + resource + "&paused=true");
        assertThat(driver.findElements(By.cssSelector("#feed .resource")).stream()
                .filter(e -> e.getText().equals(resource)).count()).isEqualTo(2);
        capture("events-filtered");

        // The editor's template preview, rendered by the real backtest, and its block picker.
        driver.get(detailUrl + "/edit");
        assertThat(driver.findElements(By.cssSelector("#action_block_document_id option[value='" + blockId + "']")))
                .hasSize(1);
        // The action form (call-webhook, the block picked) adds a second action naming that block to the document.
        new Select(driver.findElement(By.id("action_block_document_id"))).selectByValue(blockId);
        driver.findElement(By.id("add-action")).click();
        new WebDriverWait(driver, PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("action-added")));
        assertThat(editor().getAttribute("value").split(blockId, -1)).hasSize(3);
        capture("automation-action-form", By.id("action-editor"));
        driver.findElement(By.id("preview-templates")).click();
        new WebDriverWait(driver, PAGE_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("previews")));
        assertThat(text(By.id("previews"))).contains("prefect.flow-run.");
        capture("automation-preview", By.id("template-preview"));

        for (String page : List.of("blocks", "blocks/new", "blocks/new?type=webhook", "blocks/webhooks/new",
                "incidents", "api-keys")) {
            driver.get(gateway + "/" + page);
            capture(page.replaceAll("[^a-z]+", "-"));
        }
        // A block's edit form never shows its secrets (the webhook URL is one).
        driver.get(gateway + "/blocks/" + blockId + "/edit");
        assertThat(driver.getPageSource()).doesNotContain(receiver.url()).contains("stored: leave empty to keep it");
        capture("block-edit");
        printPageTimes(List.of("/automations?tag=" + tag, detailUrl.substring(gateway.length()), "/events",
                "/deliveries"));

        // Sign out: the pages go back to sign-in.
        driver.get(gateway + "/automations");
        driver.findElement(By.id("sign-out")).click();
        waitForPath("/signin");
        driver.get(detailUrl);
        waitForPath("/signin");
    }

    private static Map<String, Object> automation(String name, String tag, String resource, String blockId) {
        return Map.of(
                "name", name,
                "tags", List.of(tag),
                "trigger", Map.of(
                        "type", "event",
                        "expect", List.of(PINGED),
                        "match", Map.of("prefect.resource.id", resource),
                        "posture", "Reactive",
                        "threshold", 2,
                        "within", 300),
                "actions", List.of(Map.of(
                        "type", "call-webhook",
                        "block_document_id", blockId,
                        "payload", "{\"id\": \"{{ event.resource.id }}\"}")));
    }

    private WebElement editor() {
        return driver.findElement(By.id("document"));
    }

    /**
     * Clicks the only row's switch and checks the page came back with the other state. The switch found while the
     * form's redirect loads the page again may be gone by the time its text is read: that is waited past.
     */
    private void toggle(String expected) {
        driver.findElement(By.cssSelector("table.automations tbody tr .switch")).click();
        new WebDriverWait(driver, PAGE_WAIT).ignoring(StaleElementReferenceException.class).until(d -> d.findElement(
                By.cssSelector("table.automations tbody tr .switch")).getText().equals(expected));
    }

    private String text(By locator) {
        return driver.findElement(locator).getText();
    }

    private void waitForPath(String path) {
        new WebDriverWait(driver, PAGE_WAIT).until(d -> {
            String url = d.getCurrentUrl();
            String withoutQuery = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            return withoutQuery.endsWith(path);
        });
    }

    /**
     * How long the pages take through the gateway with this session (the browser's cookie, sequential requests):
     * printed, not asserted (a loaded 2-core box; the bound is for 10k automations, see docs/console.md).
     */
    private void printPageTimes(List<String> paths) throws Exception {
        String cookie = "vigil_session=" + driver.manage().getCookieNamed("vigil_session").getValue();
        HttpClient client = HttpClient.newHttpClient();
        for (String path : paths) {
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < PAGE_TIMING_REQUESTS; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path)).header("Cookie", cookie).build();
                long start = System.nanoTime();
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                micros.add((System.nanoTime() - start) / 1_000);
                assertThat(response.statusCode()).as(path).isEqualTo(200);
            }
            Collections.sort(micros);
            System.out.printf("ConsoleBrowserIT page %s: p50 %.1f ms, p99 %.1f ms over %d requests%n", path,
                    micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() * 99 / 100) / 1000.0,
                    micros.size());
        }
    }

    private void capture(String name) {
        capture(name, null);
    }

    /** The page as it is now, at both widths, scrolled to {@code focus} when given. */
    private void capture(String name, By focus) {
        for (int width : List.of(WIDE, NARROW)) {
            driver.manage().window().setSize(new Dimension(width, HEIGHT));
            if (focus != null) {
                new Actions(driver).scrollToElement(driver.findElement(focus)).perform();
            }
            Path target = screenshots.resolve(name + "-" + width + ".png");
            try {
                Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save " + target, e);
            }
        }
        driver.manage().window().setSize(new Dimension(WIDE, HEIGHT));
    }
}
