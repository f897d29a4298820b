package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public API's one OpenAPI document ({@code /api/openapi.json}) and Swagger UI ({@code /docs}) through the
 * gateway, without a key: every path the document has is routed (by the gateway and the ingress) to the
 * service that documents it, every API route the gateway serves is in the document, no internal header is a
 * client parameter, and Swagger UI shows the operations under the console's Content-Security-Policy.
 */
@ExtendWith(VigilSystem.class)
class ApiDocumentIT {

    private static final String SERVICE_EXTENSION = "x-vigil-service";
    private static final String CLOUD_PREFIX = ApiPrefix.workspace(UUID.randomUUID(), UUID.randomUUID()).value();
    /** The words of a gateway location's alternation: {@code (events|webhooks)}. */
    private static final Pattern ALTERNATIVES = Pattern.compile("\\(([a-z_]+(\\|[a-z_]+)+)\\)");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static JsonNode document;
    private static GatewayRoutes gateway;
    private static IngressRoutes ingress;

    @BeforeAll
    static void readTheDocumentThroughTheGateway() throws Exception {
        HttpResponse<String> answer = get("/api/openapi.json");
        assertThat(answer.statusCode()).as("GET /api/openapi.json without a key: %s", answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        document = new ObjectMapper().readTree(answer.body());
        Path repo = SystemSettings.findRepoRoot();
        gateway = GatewayRoutes.parse(Files.readString(repo.resolve("gateway/vigil.conf.template")));
        ingress = IngressRoutes.of(YamlTree.load(repo.resolve("k8s/base/ingress.yaml")));
    }

    @Test
    void everyDocumentedPathIsRoutedToTheServiceThatServesIt() {
        List<String> paths = documentedPaths();
        assertThat(paths).as("documented paths").hasSizeGreaterThan(20);
        for (String path : paths) {
            VigilService owner = ownerOf(path);
            String concrete = path.replaceAll("\\{[^/}]+}", "x");
            List<String> asCalled = new ArrayList<>(List.of(concrete));
            if (concrete.startsWith("/api/")) {
                asCalled.add(CLOUD_PREFIX + concrete.substring("/api".length()));
            }
            for (String called : asCalled) {
                assertThat(gateway.route(called)).as("gateway route of documented %s (%s)", called, path)
                        .contains(owner);
                assertThat(ingress.route(called)).as("ingress route of documented %s (%s)", called, path)
                        .contains(owner);
            }
        }
    }

    /** Each API location of the gateway (each word of its alternation) has a documented path of its service. */
    @Test
    void everyApiRouteOfTheGatewayIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        gateway.proxiedLocations().forEach((pattern, service) -> {
            if (service == VigilService.CONSOLE) {
                return; // the console's pages, Swagger UI and the document itself: no API operations
            }
            for (String prefix : routePrefixes(pattern)) {
                boolean documented = documentedPaths().stream().anyMatch(path -> (path.equals(prefix)
                        || path.startsWith(prefix + "/")) && ownerOf(path) == service);
                if (!documented) {
                    undocumented.add(prefix + " (" + service.shortName() + ", location " + pattern + ")");
                }
            }
        });
        assertThat(undocumented).as("gateway routes with no path in /api/openapi.json").isEmpty();
    }

    @Test
    void internalHeadersAreNoClientParameters() {
        List<String> headers = new ArrayList<>();
        document.path("paths").forEach(item -> {
            item.path("parameters").forEach(parameter -> headers.add(parameter.path("name").asText()));
            item.forEach(operation -> operation.path("parameters").forEach(parameter -> {
                if (parameter.path("in").asText().equals("header")) {
                    headers.add(parameter.path("name").asText());
                }
            }));
        });
        assertThat(headers).noneMatch(name -> name.toLowerCase().startsWith("x-vigil-"));
        assertThat(document.toString()).doesNotContainIgnoringCase("X-Vigil-Workspace");
    }

    @Test
    void theBearerKeyIsTheSecurityOfAllButTheOpenOperations() {
        JsonNode scheme = document.path("components").path("securitySchemes").path("api_key");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(document.path("security").toString()).isEqualTo("[{\"api_key\":[]}]");
        List<String> open = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (operation.getValue().has("security")) {
                open.add(operation.getKey() + " " + path.getKey());
            }
        }));
        assertThat(open).contains("get /api/health")
                .allMatch(call -> call.contains("/hooks/") || call.endsWith("/health"));
    }

    /** Swagger UI renders the operations from the gateway, its scripts and styles allowed by the console's CSP. */
    @Test
    void swaggerUiShowsTheOperationsUnderTheConsolesPolicy() throws Exception {
        HttpResponse<String> page = get("/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ConsoleBrowserIT.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ConsoleBrowserIT.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(VigilSystem.gatewayUrl() + "/docs");
            new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(".opblock")).size() > 20);
            assertThat(driver.findElements(By.cssSelector("button.authorize"))).as("the Authorize button").isNotEmpty();
            assertThat(driver.findElement(By.cssSelector(".opblock-summary-path[data-path='/api/automations/{id}']"))
                    .isDisplayed()).isTrue();
            List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage).filter(message -> message.contains("Content Security Policy")).toList();
            assertThat(violations).as("CSP violations on /docs").isEmpty();
        } finally {
            driver.quit();
        }
    }

    private static List<String> documentedPaths() {
        List<String> paths = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    private static VigilService ownerOf(String path) {
        return VigilService.byShortName(document.path("paths").path(path).path(SERVICE_EXTENSION).asText());
    }

    /** {@code ^/hooks/} is /hooks; {@code ^/api(...)?/(events|webhooks)(/|$)} is /api/events and /api/webhooks. */
    private static List<String> routePrefixes(String pattern) {
        Matcher words = ALTERNATIVES.matcher(pattern);
        if (words.find()) {
            return List.of(words.group(1).split("\\|")).stream().map(word -> "/api/" + word).toList();
        }
        String literal = pattern.replaceFirst("^\\^", "");
        return List.of(literal.endsWith("/") ? literal.substring(0, literal.length() - 1) : literal);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(VigilSystem.gatewayUrl() + path)).timeout(WAIT).GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
