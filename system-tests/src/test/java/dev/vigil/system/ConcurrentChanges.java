package dev.vigil.system;

import static io.restassured.RestAssured.given;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 13's concurrency run: many clients at once PUT, PATCH and DELETE the same and different automations,
 * blocks and webhooks through the gateway. Every request must answer (2xx, 404 or 409; a refusal such as 405
 * for a method a resource does not have is a 4xx too), none 5xx. Requests go through RestAssured with a
 * socket timeout, so a hang shows as an error instead of stopping the run.
 */
final class ConcurrentChanges {

    static final int CLIENTS = 64;
    private static final int REQUESTS_PER_CLIENT = 12;
    private static final int PER_KIND = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** One resource under attack: where it lives and a valid replacement body. */
    private record Target(String path, String putBody, String patchBody) {
    }

    private final String gateway;
    private final ApiPrefix prefix;
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    ConcurrentChanges(String gateway, ApiPrefix prefix) {
        this.gateway = gateway;
        this.prefix = prefix;
    }

    void run(String receiverUrl) throws Exception {
        List<Target> targets = new ArrayList<>();
        VigilApi api = new VigilApi(gateway, prefix);
        for (int i = 0; i < PER_KIND; i++) {
            String block = api.createWebhookBlock("concurrent-" + i, receiverUrl);
            String blockBody = "{\"data\": {\"url\": \"" + receiverUrl + "\", \"method\": \"PUT\"}}";
            targets.add(new Target("/block_documents/" + block, blockBody, blockBody));
            String automation = api.createAutomation(Map.of("name", "concurrent-" + i,
                    "trigger", Map.of("posture", "Reactive", "expect", List.of("fuzz.concurrent")),
                    "actions", List.of(Map.of("type", "do-nothing"))));
            targets.add(new Target("/automations/" + automation, "{\"name\": \"replaced\", \"trigger\":"
                    + " {\"posture\": \"Reactive\", \"expect\": [\"fuzz.concurrent\"]}, \"actions\": []}",
                    "{\"enabled\": false}"));
            String webhook = given().baseUri(gateway).contentType(ContentType.JSON)
                    .body(Map.of("name", "concurrent-" + i, "template", "{\"event\": \"fuzz.concurrent\","
                            + " \"resource\": {\"prefect.resource.id\": \"fuzz.concurrent\"}}"))
                    .post(prefix.path("/webhooks")).then().statusCode(VigilApi.CREATED).extract().path("id");
            targets.add(new Target("/webhooks/" + webhook, "{\"name\": \"replaced\", \"template\":"
                    + " \"{\\\"event\\\": \\\"fuzz.replaced\\\", \\\"resource\\\": {\\\"prefect.resource.id\\\":"
                    + " \\\"x\\\"}}\"}", null));
        }
        RestAssuredConfig config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", (int) REQUEST_TIMEOUT.toMillis())
                .setParam("http.connection.timeout", (int) REQUEST_TIMEOUT.toMillis()));
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Random random = new Random(c);
            running.add(clients.submit(() -> {
                for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                    // Half the requests fight over the first resource of each kind, the rest spread out.
                    Target target = random.nextBoolean() ? targets.get(random.nextInt(3))
                            : targets.get(random.nextInt(targets.size()));
                    change(config, target, random.nextInt(3));
                }
            }));
        }
        for (Future<?> client : running) {
            client.get(REQUEST_TIMEOUT.toSeconds() * REQUESTS_PER_CLIENT, TimeUnit.SECONDS);
        }
        clients.shutdown();
    }

    private void change(RestAssuredConfig config, Target target, int kind) {
        String method = kind == 0 ? "PUT" : kind == 1 && target.patchBody() != null ? "PATCH" : "DELETE";
        String body = "PUT".equals(method) ? target.putBody() : "PATCH".equals(method) ? target.patchBody() : null;
        try {
            var request = given().config(config).baseUri(gateway);
            if (body != null) {
                request.contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = request.request(method, prefix.path(target.path())).statusCode();
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            if (status >= 500) {
                failures.add(method + " " + target.path() + " -> " + status);
            }
        } catch (RuntimeException e) {
            failures.add(method + " " + target.path() + " -> no answer: " + e);
        }
    }

    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> copy = new TreeMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * Connections of the system's database inside a transaction or running a statement (LISTEN
     * connections and this query aside), read with {@code psql}.
     */
    static int busyConnections() throws IOException, InterruptedException {
        SystemSettings settings = SystemSettings.fromEnvironment();
        java.net.URI db = java.net.URI.create(settings.dbJdbcUrl().substring("jdbc:".length()));
        ProcessBuilder psql = new ProcessBuilder("psql", "-h", db.getHost(), "-p", Integer.toString(db.getPort()),
                "-U", settings.dbUser(), "-d", db.getPath().substring(1), "-tAc",
                "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
                        + " and state in ('active', 'idle in transaction', 'idle in transaction (aborted)')"
                        + " and query not ilike 'listen%'");
        psql.environment().put("PGPASSWORD", settings.dbPassword());
        psql.redirectErrorStream(true);
        Process process = psql.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IOException("psql failed: " + out);
        }
        return Integer.parseInt(out);
    }
}
