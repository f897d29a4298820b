package dev.vigil.console.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.ApiResponse;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.chart.CountBucket;
import dev.vigil.console.chart.EventCounts;
import dev.vigil.console.chart.TimelineChart;
import dev.vigil.console.delivery.ExecutionRow;
import dev.vigil.console.event.EventRow;
import dev.vigil.console.session.Session;
import dev.vigil.console.web.Pages;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.trigger.Trigger;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One automation's page: its summary, live state, recent deliveries, and the two read-only questions Vigil
 * answers about it: Explain (what would this event do, clause by clause) and Backtest (what would it
 * have done over a stored time range, as a timeline chart).
 */
@ApplicationScoped
public class AutomationDetailPage {

    private static final int RECENT_EXECUTIONS = 10;
    /** The firings drawn on the chart; resolutions are listed, not drawn. */
    private static final String TRIGGERED = "Triggered";
    private static final int RECENT_EVENTS = 20;
    /** Where the recent events are looked for first (see {@link #recentEvents}). */
    private static final Duration RECENT_EVENTS_FIRST_WINDOW = Duration.ofHours(1);
    private static final Duration DEFAULT_BACKTEST_RANGE = Duration.ofHours(1);
    /** What a {@code datetime-local} input sends (minutes, optionally seconds), read as UTC. */
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    private static final DateTimeFormatter INPUT_VALUE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance detail(AutomationRow automation, String document,
                                              List<StoredActions.Slot> actionSlots, List<ExecutionRow> executions,
                                              String sampleEvent, ExplainView explain, String explainError,
                                              BacktestView backtest, String since, String until);

        static native TemplateInstance state(List<BucketRow> buckets, boolean stateTruncated);

        static native TemplateInstance recentEvents(List<EventRow> recentEvents);
    }

    private final ApiClient api;
    private final EventCounts counts;
    private final ObjectMapper json = VigilJson.mapper();
    private final Clock clock = Clock.systemUTC();

    public AutomationDetailPage(ApiClient api, EventCounts counts) {
        this.api = api;
        this.counts = counts;
    }

    public Uni<Response> show(Session user, UUID id) {
        return page(user, id, null, null, null, null, null, null);
    }

    /**
     * The live state panel alone (an htmx fragment the page loads after it is shown). The evaluator reads it with
     * SCAN over the workspace's Redis keys, which takes as long as the keyspace is large (see docs/console.md,
     * "Render times"), so the page does not wait for it.
     */
    public Uni<Response> state(Session user, UUID id) {
        return api.get(user, VigilService.EVALUATOR, "/automations/" + id + "/state").map(answer -> {
            List<BucketRow> buckets = new ArrayList<>();
            JsonNode live = answer.orFail("reading the live state").body();
            live.path("buckets").forEach(b -> buckets.add(BucketRow.of(b)));
            return Pages.html(Templates.state(buckets, live.path("truncated").asBoolean()));
        });
    }

    /**
     * Explain's picker of the workspace's newest events (an htmx fragment the page loads after it is shown): asking
     * ingest for them costs more than the rest of the page together (the events of the last hour are counted for the
     * answer's total), and the page is read before anyone picks an event.
     */
    public Uni<Response> recentEvents(Session user) {
        return recentEvents(user, clock.instant()).map(events -> Pages.html(Templates.recentEvents(events)));
    }

    /** Explains a pasted event, or a stored one picked by id. */
    public Uni<Response> explain(Session user, UUID id, String event, String eventId) {
        Uni<JsonNode> chosen = eventId != null && !eventId.isBlank()
                ? storedEvent(user, eventId.trim())
                : Uni.createFrom().item(() -> parsed(event));
        return chosen.chain(body -> {
            if (body == null) {
                return page(user, id, event, null, "event: not valid JSON, or no stored event with that id.",
                        null, null, null);
            }
            String shown = AutomationJson.pretty(body);
            return api.post(user, VigilService.EVALUATOR, "/automations/" + id + "/explain", body).chain(answer -> {
                if (answer.status() == ApiResponse.UNPROCESSABLE) {
                    String errors = String.join("; ", answer.fieldErrors().stream()
                            .map(e -> "event." + e.path() + ": " + e.message()).toList());
                    return page(user, id, shown, null, errors, null, null, null);
                }
                return page(user, id, shown, ExplainView.of(answer.orFail("explaining the event").body()), null,
                        null, null, null);
            });
        });
    }

    /** Replays the stored events of {@code [since, until]} (default: the last hour) through the automation. */
    public Uni<Response> backtest(Session user, UUID id, String since, String until) {
        Instant now = clock.instant();
        Instant from;
        Instant to;
        try {
            to = until == null || until.isBlank() ? now : parseInput(until);
            from = since == null || since.isBlank() ? to.minus(DEFAULT_BACKTEST_RANGE) : parseInput(since);
        } catch (DateTimeParseException e) {
            return page(user, id, null, null, null, BacktestView.failed(since, until,
                    "since, until: give times as YYYY-MM-DDTHH:MM (UTC)."), since, until);
        }
        if (!from.isBefore(to)) {
            return page(user, id, null, null, null, BacktestView.failed(since, until,
                    "since: must be before until."), since, until);
        }
        Instant start = from;
        Instant end = to;
        return api.get(user, VigilService.EVALUATOR, "/automations/" + id).chain(read -> {
            JsonNode automation = read.orFail("reading the automation").body();
            ObjectNode request = JsonNodeFactory.instance.objectNode();
            ObjectNode definition = AutomationJson.definition(automation);
            // What it would do when on: an automation is tried here before it is enabled (the API skips a disabled one).
            definition.put("enabled", true);
            request.set("automation", definition);
            request.put("since", start.toString());
            request.put("until", end.toString());
            Trigger trigger = AutomationJson.trigger(automation.path("trigger")).orElse(null);
            ObjectNode filter = EventNames.filter(trigger == null ? List.of() : AutomationJson.expectedNames(trigger));
            return Uni.combine().all().unis(api.backtest(user, request), counts.count(user, filter, start, end))
                    .asTuple().map(both -> {
                        ApiResponse answer = both.getItem1();
                        List<CountBucket> buckets = both.getItem2();
                        if (!answer.ok()) {
                            return BacktestView.failed(format(start), format(end), answer.detail());
                        }
                        List<BacktestView.FiringRow> firings = new ArrayList<>();
                        List<Instant> at = new ArrayList<>();
                        for (JsonNode firing : answer.body().path("firings")) {
                            if (TRIGGERED.equals(firing.path("state").asText())) {
                                at.add(OffsetDateTime.parse(firing.path("at").asText()).toInstant());
                            }
                            firings.add(new BacktestView.FiringRow(firing.path("at").asText(),
                                    firing.path("state").asText(), firing.path("triggering_event_id").asText(),
                                    AutomationJson.pretty(firing.path("actions"))));
                        }
                        List<String> warnings = new ArrayList<>();
                        answer.body().path("warnings").forEach(warning -> warnings.add(warning.asText()));
                        return new BacktestView(format(start), format(end),
                                TimelineChart.render("backtest-chart", start, end, buckets, at, true), firings,
                                warnings, null);
                    })
                    .chain(view -> page(user, id, null, null, null, view, format(start), format(end)));
        });
    }

    private Uni<Response> page(Session user, UUID id, String eventText, ExplainView explain, String explainError,
                               BacktestView backtest, String since, String until) {
        String path = "/automations/" + id;
        Uni<ApiResponse> automation = api.get(user, VigilService.EVALUATOR, path);
        Uni<ApiResponse> executions = api.get(user, VigilService.ACTUATOR,
                "/actions/executions?limit=" + RECENT_EXECUTIONS + "&automation_id=" + id);
        return Uni.combine().all().unis(automation, executions).asTuple().map(both -> {
            JsonNode found = both.getItem1().orFail("reading the automation").body();
            AutomationRow row = AutomationJson.row(found);
            List<ExecutionRow> runs = new ArrayList<>();
            if (both.getItem2().ok()) {
                both.getItem2().body().forEach(e -> runs.add(ExecutionRow.of(e)));
            }
            Instant now = clock.instant();
            String shownEvent = eventText != null ? eventText : sampleEvent(found, now);
            return Pages.html(Templates.detail(row, AutomationJson.pretty(AutomationJson.definition(found)),
                    StoredActions.of(found), runs, shownEvent, explain, explainError,
                    backtest, since != null ? since : format(now.minus(DEFAULT_BACKTEST_RANGE)),
                    until != null ? until : format(now)));
        });
    }

    /**
     * The workspace's newest {@value #RECENT_EVENTS} events (for Explain's picker; none when ingest cannot answer).
     * Asked first over the last {@link #RECENT_EVENTS_FIRST_WINDOW}: when that holds as many, they are the newest of
     * all, and ingest counts only that window's events for the page's total instead of every stored one; otherwise
     * (a quiet workspace, whose count is small) over ingest's default window, as before.
     */
    private Uni<List<EventRow>> recentEvents(Session user, Instant now) {
        ObjectNode lately = JsonNodeFactory.instance.objectNode().put("limit", RECENT_EVENTS);
        lately.putObject("filter").putObject("occurred").put("since", now.minus(RECENT_EVENTS_FIRST_WINDOW).toString())
                .put("until", now.toString());
        return api.post(user, VigilService.INGEST, "/events/filter", lately).chain(answer -> {
            List<EventRow> rows = eventRows(answer);
            if (rows.size() >= RECENT_EVENTS || !answer.ok()) {
                return Uni.createFrom().item(rows);
            }
            ObjectNode all = JsonNodeFactory.instance.objectNode().put("limit", RECENT_EVENTS);
            return api.post(user, VigilService.INGEST, "/events/filter", all).map(AutomationDetailPage::eventRows);
        });
    }

    private static List<EventRow> eventRows(ApiResponse answer) {
        List<EventRow> rows = new ArrayList<>();
        if (answer.ok()) {
            answer.body().path("events").forEach(e -> rows.add(EventRow.withoutRaw(e)));
        }
        return rows;
    }

    private Uni<JsonNode> storedEvent(Session user, String eventId) {
        UUID id;
        try {
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().nullItem();
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("filter").putObject("id").putArray("id").add(id.toString());
        body.put("limit", 1);
        return api.post(user, VigilService.INGEST, "/events/filter", body).map(answer -> {
            JsonNode events = answer.orFail("reading the event").body().path("events");
            if (events.isEmpty()) {
                return null;
            }
            ObjectNode event = ((ObjectNode) events.get(0)).deepCopy();
            event.remove("received");
            return event;
        });
    }

    private JsonNode parsed(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** An event the trigger is about, to start from: its first expected name and a resource its match accepts. */
    private static String sampleEvent(JsonNode automation, Instant now) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("id", UUID.randomUUID().toString());
        event.put("occurred", now.truncatedTo(ChronoUnit.SECONDS).toString());
        Trigger trigger = AutomationJson.trigger(automation.path("trigger")).orElse(null);
        List<String> names = trigger == null ? List.of() : AutomationJson.expectedNames(trigger);
        event.put("event", names.isEmpty() ? "my.event.happened" : names.get(0).replace("*", "example"));
        event.putObject("resource").put("prefect.resource.id", "my.resource.example");
        return AutomationJson.pretty(event);
    }

    private static Instant parseInput(String value) {
        String text = value.trim();
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(text).toInstant();
        }
        return LocalDateTime.parse(text, LOCAL_INPUT).toInstant(ZoneOffset.UTC);
    }

    private static String format(Instant instant) {
        return INPUT_VALUE.format(instant.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    }
}
