package dev.vigil.evaluator.automation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.auth.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * 64 clients change the same and different automations at once with PUT, PATCH and DELETE: every
 * request answers (2xx, 404 or 409), none with a 5xx, and no transaction is left holding a connection.
 */
@QuarkusTest
class ConcurrentChangesTest {

    private static final int CLIENTS = 64;
    private static final int REQUESTS_PER_CLIENT = 4;
    private static final int AUTOMATIONS = 6;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    @Test
    void mixedChangesAllAnswerWithoutServerErrors() throws Exception {
        String base = "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + UUID.randomUUID() + "/automations/";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < AUTOMATIONS; i++) {
            ids.add(create(base, "concurrent-" + i));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Random random = new Random(c);
            clients.add(pool.submit(() -> {
                for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                    // Half the clients fight over the first automation, the others spread over the rest.
                    String id = random.nextBoolean() ? ids.get(0) : ids.get(random.nextInt(ids.size()));
                    HttpRequest request = request(base + id, random.nextInt(3));
                    try {
                        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    } catch (Exception e) {
                        failures.add(request.method() + " " + request.uri() + ": " + e);
                    }
                }
            }));
        }
        for (Future<?> f : clients) {
            f.get(REQUEST_TIMEOUT.toSeconds() * REQUESTS_PER_CLIENT, TimeUnit.SECONDS);
        }
        pool.shutdown();

        System.out.println("ConcurrentChangesTest statuses: " + statuses);
        if (!failures.isEmpty()) {
            System.out.println("ConcurrentChangesTest connections: " + activity());
        }
        assertThat(failures).as("requests without an answer").isEmpty();
        assertThat(statuses.keySet()).allMatch(s -> s < 300 || s == 404 || s == 409, "2xx, 404 or 409 only");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(busyConnections()).isZero());
        given().get(base + UUID.randomUUID()).then().statusCode(404);
    }

    private HttpRequest request(String path, int kind) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN));
        return switch (kind) {
            case 0 -> builder.PUT(HttpRequest.BodyPublishers.ofString(definition("replaced"))).build();
            case 1 -> builder.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"enabled\": false}")).build();
            default -> builder.DELETE().build();
        };
    }

    private static String create(String base, String name) {
        return given().contentType(ContentType.JSON).body(definition(name)).post(base)
                .then().statusCode(201).extract().path("id");
    }

    private static String definition(String name) {
        return """
                {"name": "%s", "trigger": {"posture": "Reactive", "expect": ["x.concurrent"]},
                 "actions": [{"type": "do-nothing"}]}""".formatted(name);
    }

    private static List<String> activity() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect();
             ResultSet result = connection.createStatement().executeQuery("""
                     select state, wait_event_type, wait_event, now() - xact_start, left(query, 100)
                       from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()""")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " "
                        + result.getString(4) + " " + result.getString(5));
            }
        }
        return rows;
    }

    private static Connection connect() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.username", String.class)
                .orElse("postgres");
        String password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class)
                .orElse("");
        return DriverManager.getConnection(url, user, password);
    }

    /** Connections of this database inside a transaction or running a statement, other than this query. */
    static int busyConnections() throws Exception {
        try (Connection connection = connect();
             ResultSet rows = connection.createStatement().executeQuery("""
                     select count(*) from pg_stat_activity where datname = current_database()
                       and pid <> pg_backend_pid() and state in ('active', 'idle in transaction',
                       'idle in transaction (aborted)') and query not ilike '%listen%'""")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
