package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testsupport.auth.TestApiKeys;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Opt-in ({@code -Dvigil.bench=true}): how long the console takes to render each page, server-side, with 10k
 * automations and 100k stored events in the workspace. Everything is seeded through the public API (the
 * quotas are lifted for this run, see {@link StartedSystem}): the automations with {@code POST /api/automations/},
 * the events with {@code POST /api/events} in batches, then it waits until ingest has stored all of them. Each page
 * is then requested {@value #REQUESTS} times in a row straight from the console's port (its render time, the
 * services' calls included, without the gateway), after the evaluator has evaluated every seeded event and every page
 * has had {@value #WARM_UP_PASS} warm-up requests, then {@value #WARM_UP} more just before its own measurement, and
 * p50/p99 are printed. The warm-up stands for a console that has been running: a new JVM spends its first hundreds of
 * requests compiling (a list page cost 16.9 ms of the console's CPU over its first 240 requests, 3.3 ms in its
 * eighth 240).
 * The client speaks HTTP/1.1 as the gateway and browsers do to the console's plain-HTTP port (Java's client would
 * otherwise upgrade every connection to h2c, which no real client of the console does).
 */
@ExtendWith(VigilSystem.class)
@EnabledIfSystemProperty(named = "vigil.bench", matches = "true")
class ConsoleRenderBenchIT {

    static final int AUTOMATIONS = Integer.getInteger("vigil.bench.console.automations", 10_000);
    static final int EVENTS = Integer.getInteger("vigil.bench.console.events", 100_000);
    private static final int REQUESTS = 200;
    private static final int WARM_UP = 20;
    private static final int WARM_UP_PASS = 200;
    private static final int IN_FLIGHT = 16;
    private static final int EVENT_BATCH = 500;
    private static final int EVENT_NAMES = 50;
    private static final int RESOURCES = 1_000;
    private static final double TARGET_P99_MS = 50.0;
    /** The console's default page size: the ids one list page asks the firings of. */
    private static final int FIRINGS_PAGE = 25;
    private static final Duration STORED_WAIT = Duration.ofMinutes(10);
    private static final String PREFIX = "bench.console.";
    private static final String EVENTS_TOPIC = "events";
    /** The evaluator's consumer group on the events topic ({@code mp.messaging.incoming.events-in.group.id}). */
    private static final String EVALUATOR_GROUP = "reactive-triggers";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    static boolean enabled() {
        return Boolean.getBoolean("vigil.bench");
    }

    @Test
    void everyPageRendersWithTenThousandAutomationsAndAHundredThousandEvents() throws Exception {
        String gateway = VigilSystem.gatewayUrl();
        long started = System.nanoTime();
        List<String> automationIds = seedAutomations(gateway);
        System.out.printf("ConsoleRenderBench seeded %d automations in %.1f s%n", automationIds.size(),
                (System.nanoTime() - started) / 1e9);
        started = System.nanoTime();
        seedEvents(gateway);
        System.out.printf("ConsoleRenderBench posted and stored %d events in %.1f s%n", EVENTS,
                (System.nanoTime() - started) / 1e9);
        analyzeLikeAutovacuum();
        started = System.nanoTime();
        awaitEvaluatorCaughtUp();
        System.out.printf("ConsoleRenderBench evaluator caught up with the seeded events %.1f s later%n",
                (System.nanoTime() - started) / 1e9);
        String blockId = new VigilApi(gateway, ApiPrefix.defaultWorkspace())
                .createWebhookBlock("bench-hook-" + UUID.randomUUID(), "http://127.0.0.1:9/bench");

        String console = VigilSystem.serviceUrl(VigilService.CONSOLE);
        String cookie = signIn(console);
        String someAutomation = automationIds.get(automationIds.size() / 2);
        String someEvent = firstEventId(gateway);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("automations", "/automations");
        pages.put("automations, page 200", "/automations?page=200");
        pages.put("automations, name search", "/automations?name=" + URLEncoder.encode("bench 77", StandardCharsets.UTF_8));
        // The list's firings over the last day: a fragment the list loads after it is shown (a page of ids).
        pages.put("automations, firings", "/automations/firings?" + String.join("&", automationIds.stream()
                .limit(FIRINGS_PAGE).map(id -> "id=" + id).toList()));
        pages.put("automation detail", "/automations/" + someAutomation);
        // Explain's picker of the newest events: a fragment the automation's page loads after it is shown.
        pages.put("automation, recent events", "/automations/recent-events");
        pages.put("automation editor", "/automations/" + someAutomation + "/edit");
        pages.put("new automation", "/automations/new");
        pages.put("events", "/events");
        pages.put("events, 24 h, labels", "/events?range=24h&labels=" + URLEncoder.encode("team=bench",
                StandardCharsets.UTF_8));
        pages.put("events feed", "/events/feed");
        pages.put("event detail", "/events/" + someEvent);
        pages.put("deliveries", "/deliveries");
        pages.put("dead letters", "/deliveries/dead-letters");
        pages.put("blocks and webhooks", "/blocks");
        pages.put("block editor", "/blocks/" + blockId + "/edit");
        pages.put("incidents", "/incidents");
        pages.put("api keys", "/api-keys");
        // Every page once warm before any is measured: the first page measured is not also the JIT's first look.
        for (String path : pages.values()) {
            warmUp(console + path, cookie);
        }
        List<String> missed = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            double[] p50p99 = measure(console + page.getValue(), cookie);
            System.out.printf("ConsoleRenderBench %-26s p50 %6.1f ms  p99 %6.1f ms  (%d requests, %s)%n",
                    page.getKey(), p50p99[0], p50p99[1], REQUESTS, page.getValue());
            if (p50p99[1] > TARGET_P99_MS) {
                missed.add(page.getKey());
            }
        }
        System.out.println("ConsoleRenderBench pages over " + TARGET_P99_MS + " ms p99: " + missed);
        measureServiceCalls(someAutomation);
    }

    /**
     * The services' calls behind the slow pages, timed alone straight at each service's port (the same 200 sequential
     * requests), so a page's time can be told apart into the calls it waits for and the console's own work.
     */
    private void measureServiceCalls(String someAutomation) throws Exception {
        String evaluator = VigilSystem.serviceUrl(VigilService.EVALUATOR) + "/api";
        String ingest = VigilSystem.serviceUrl(VigilService.INGEST) + "/api";
        String actuator = VigilSystem.serviceUrl(VigilService.ACTUATOR) + "/api";
        Instant now = Instant.now();
        String hour = now.minus(Duration.ofHours(1)).toString();
        String day = now.minus(Duration.ofHours(24)).toString();
        Map<String, Object> team = Map.of("labels", Map.of("team", "bench"));
        Map<String, HttpRequest> calls = new LinkedHashMap<>();
        calls.put("evaluator automations/count", post(evaluator + "/automations/count", Map.of("automations", Map.of())));
        calls.put("evaluator automations/filter", post(evaluator + "/automations/filter",
                Map.of("automations", Map.of(), "sort", "NAME_ASC", "limit", FIRINGS_PAGE, "offset", 0)));
        calls.put("evaluator filter, page 200", post(evaluator + "/automations/filter",
                Map.of("automations", Map.of(), "sort", "NAME_ASC", "limit", FIRINGS_PAGE, "offset", 199 * FIRINGS_PAGE)));
        calls.put("evaluator filter, name like", post(evaluator + "/automations/filter", Map.of("automations",
                Map.of("name", Map.of("like_", "bench 77")), "sort", "NAME_ASC", "limit", FIRINGS_PAGE, "offset", 0)));
        calls.put("evaluator automation", get(evaluator + "/automations/" + someAutomation));
        calls.put("actuator executions", get(actuator + "/actions/executions?limit=10&automation_id=" + someAutomation));
        calls.put("actuator block_documents/filter", post(actuator + "/block_documents/filter", Map.of("limit", 200)));
        calls.put("ingest filter, no window", post(ingest + "/events/filter", Map.of("limit", 20)));
        calls.put("ingest filter, last hour", post(ingest + "/events/filter",
                Map.of("filter", Map.of("occurred", Map.of("since", hour)), "limit", 50)));
        calls.put("ingest filter, 24 h, labels", post(ingest + "/events/filter",
                Map.of("filter", Map.of("occurred", Map.of("since", day), "resource", team), "limit", 50)));
        calls.put("ingest count-by/time, hour", post(ingest + "/events/count-by/time", Map.of("filter",
                Map.of("occurred", Map.of("since", hour, "until", now.toString())), "time_unit", "second",
                "time_interval", 60)));
        calls.put("ingest count-by/time, 24 h, labels", post(ingest + "/events/count-by/time", Map.of("filter",
                Map.of("occurred", Map.of("since", day, "until", now.toString()), "resource", team),
                "time_unit", "second", "time_interval", 1440)));
        for (Map.Entry<String, HttpRequest> call : calls.entrySet()) {
            double[] p50p99 = measure(call.getValue());
            System.out.printf("ConsoleRenderBench call %-34s p50 %6.1f ms  p99 %6.1f ms%n", call.getKey(), p50p99[0],
                    p50p99[1]);
        }
    }

    /**
     * What autovacuum does after a bulk load, done at once when the database server runs without it (this box's CI
     * configuration turns it off): {@code VACUUM (ANALYZE)}, so the planner has statistics of the seeded tables and
     * index-only scans need not visit the heap, as in any deployment with PostgreSQL's default autovacuum.
     * {@code -Dvigil.bench.console.vacuum=false} measures without it.
     */
    private static void analyzeLikeAutovacuum() throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("vigil.bench.console.vacuum", "true"))) {
            System.out.println("ConsoleRenderBench: no VACUUM (ANALYZE) (-Dvigil.bench.console.vacuum=false)");
            return;
        }
        if ("on".equals(psql("SHOW autovacuum"))) {
            return;
        }
        long started = System.nanoTime();
        psql("VACUUM (ANALYZE)");
        System.out.printf("ConsoleRenderBench: autovacuum is off on this server; VACUUM (ANALYZE) took %.1f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    /** One statement on the system's database with {@code psql}; its output, trimmed. */
    private static String psql(String sql) throws Exception {
        SystemSettings settings = SystemSettings.fromEnvironment();
        URI db = URI.create(settings.dbJdbcUrl().substring("jdbc:".length()));
        ProcessBuilder psql = new ProcessBuilder("psql", "-h", db.getHost(), "-p", Integer.toString(db.getPort()),
                "-U", settings.dbUser(), "-d", db.getPath().substring(1), "-tAc", sql);
        psql.environment().put("PGPASSWORD", settings.dbPassword());
        psql.redirectErrorStream(true);
        Process process = psql.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new java.io.IOException("psql failed: " + out);
        }
        return out;
    }

    private List<String> seedAutomations(String gateway) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<String>> created = new ArrayList<>();
        for (int i = 0; i < AUTOMATIONS; i++) {
            Map<String, Object> automation = Map.of(
                    "name", "bench " + i,
                    "tags", List.of("bench", "bench-" + (i % 20)),
                    "trigger", Map.of("type", "event", "posture", "Reactive",
                            "expect", List.of(PREFIX + "never." + i),
                            "match", Map.of("prefect.resource.id", "bench.res.*"),
                            "for_each", List.of("prefect.resource.id"), "threshold", 3, "within", 60),
                    "actions", List.of(Map.of("type", "do-nothing")));
            slots.acquire();
            created.add(http.sendAsync(post(gateway + "/api/automations/", automation),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> slots.release())
                    .thenApply(response -> {
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(VigilApi.CREATED);
                        return read(response.body()).path("id").asText();
                    }));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> one : created) {
            ids.add(one.get());
        }
        return ids;
    }

    private void seedEvents(String gateway) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT / 2);
        List<CompletableFuture<?>> posted = new ArrayList<>();
        Instant now = Instant.now();
        for (int sent = 0; sent < EVENTS; sent += EVENT_BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = sent; i < Math.min(EVENTS, sent + EVENT_BATCH); i++) {
                batch.add(Map.of("id", UUID.randomUUID().toString(),
                        // spread over the last 20 hours, so the 24-hour chart has them all
                        "occurred", now.minusMillis((long) i * 720).toString(),
                        "event", PREFIX + "e" + (i % EVENT_NAMES),
                        "resource", Map.of("prefect.resource.id", "bench.res." + (i % RESOURCES),
                                "team", i % 10 == 0 ? "bench" : "other"),
                        "payload", Map.of("n", i)));
            }
            slots.acquire();
            posted.add(http.sendAsync(post(gateway + "/api/events", batch), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> slots.release())
                    .thenAccept(response -> assertThat(response.statusCode()).as(response.body())
                            .isEqualTo(VigilApi.NO_CONTENT)));
        }
        for (CompletableFuture<?> one : posted) {
            one.get();
        }
        await("all " + EVENTS + " events stored").atMost(STORED_WAIT).pollInterval(Duration.ofSeconds(2))
                .until(() -> storedEvents(gateway) >= EVENTS);
    }

    private long storedEvents(String gateway) throws Exception {
        Map<String, Object> body = Map.of("filter", Map.of("event", Map.of("prefix", List.of(PREFIX)),
                "occurred", Map.of("since", Instant.now().minus(Duration.ofDays(2)).toString())), "limit", 1);
        HttpResponse<String> response = http.send(post(gateway + "/api/events/filter", body),
                HttpResponse.BodyHandlers.ofString());
        return read(response.body()).path("total").asLong();
    }

    private String firstEventId(String gateway) throws Exception {
        Map<String, Object> body = Map.of("filter", Map.of("event", Map.of("prefix", List.of(PREFIX))), "limit", 1);
        return read(http.send(post(gateway + "/api/events/filter", body), HttpResponse.BodyHandlers.ofString())
                .body()).path("events").get(0).path("id").asText();
    }

    /** Signs in with the admin key as a browser would (the sign-in form's own token, then the session cookie). */
    private String signIn(String console) throws Exception {
        HttpResponse<Void> form = http.send(HttpRequest.newBuilder(URI.create(console + "/signin")).build(),
                HttpResponse.BodyHandlers.discarding());
        String signInCookie = cookie(form, "vigil_signin");
        String token = signInCookie.substring(signInCookie.indexOf('=') + 1);
        String body = "csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&api_key="
                + URLEncoder.encode(TestApiKeys.ADMIN, StandardCharsets.UTF_8);
        HttpResponse<Void> signedIn = http.send(HttpRequest.newBuilder(URI.create(console + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", signInCookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        return cookie(signedIn, "vigil_session");
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie"));
    }

    /**
     * Waits until the evaluator has evaluated every seeded event (its group's committed offsets at the end of the
     * events topic): the pages are timed on a system at rest, not beside 100,000 events still being evaluated.
     */
    private static void awaitEvaluatorCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SystemSettings.fromEnvironment().kafkaBootstrap()))) {
            await("the evaluator evaluated every seeded event").atMost(STORED_WAIT)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> evaluatorLag(admin) == 0);
        }
    }

    private static long evaluatorLag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(List.of(EVENTS_TOPIC)).allTopicNames().get().get(EVENTS_TOPIC).partitions()
                .forEach(p -> ends.put(new TopicPartition(EVENTS_TOPIC, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(EVALUATOR_GROUP)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end
                : admin.listOffsets(ends).all().get().entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    private void warmUp(String url, String cookie) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build();
        for (int i = 0; i < WARM_UP_PASS; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }

    /** p50 and p99 in ms of {@value #REQUESTS} sequential requests, after the warm-up. */
    private double[] measure(String url, String cookie) throws Exception {
        return measure(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build());
    }

    private double[] measure(HttpRequest request) throws Exception {
        String url = request.uri().toString();
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < WARM_UP + REQUESTS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = (System.nanoTime() - start) / 1_000;
            assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
            if (i >= WARM_UP) {
                micros.add(took);
            }
        }
        Collections.sort(micros);
        return new double[] {micros.get(micros.size() / 2) / 1000.0,
                micros.get(Math.min(micros.size() - 1, (int) Math.ceil(micros.size() * 0.99) - 1)) / 1000.0};
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TestApiKeys.ADMIN).build();
    }

    private static HttpRequest post(String url, Object body) {
        try {
            return HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + TestApiKeys.ADMIN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
