package dev.vigil.console.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.automation.EditorTools.PreviewRow;
import dev.vigil.console.session.Session;
import dev.vigil.console.web.PrettyJson;
import dev.vigil.model.json.VigilJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The editor's "preview": the document's action templates rendered against one event, a pasted (or sample) one
 * or a stored one by id. No new data path: it is the evaluator's backtest of pasted events, whose firings carry
 * each action's rendered template fields (the actuator's rendering). The backtest runs the document with its
 * trigger swapped for one that fires on that event alone, so {@code firing.trigger} in a template is that
 * stand-in; everything else ({@code event}, {@code automation}, labels) is as a live firing would have it.
 */
@ApplicationScoped
public class TemplatePreview {

    /** What the preview is: the rendered actions, or the problems that kept it from rendering. */
    public record Result(List<PreviewRow> previews, List<String> problems) {
    }

    static final String SAMPLE_EVENT = """
            {
              "event": "prefect.flow-run.Failed",
              "resource": {
                "prefect.resource.id": "prefect.flow-run.6f4d2a8e-0c4b-4c1e-9a39-2b7d1c5e8f10",
                "prefect.resource.name": "nightly-etl-run"
              },
              "related": [
                {"prefect.resource.id": "prefect.flow.etl", "prefect.resource.role": "flow",
                 "prefect.resource.name": "etl"}
              ],
              "payload": {"intended": {"from": "RUNNING", "to": "FAILED"}}
            }""";

    private static final ObjectMapper JSON = VigilJson.mapper();

    private final ApiClient api;
    private final Clock clock = Clock.systemUTC();

    public TemplatePreview(ApiClient api) {
        this.api = api;
    }

    /** Renders {@code document}'s actions against the stored event {@code eventId} if given, else {@code eventText}. */
    public Uni<Result> render(Session user, String document, String eventText, String eventId) {
        ObjectNode automation;
        try {
            JsonNode parsed = JSON.readTree(document == null || document.isBlank() ? "{}" : document);
            if (!parsed.isObject()) {
                return problem("The document must be a JSON object.");
            }
            automation = (ObjectNode) parsed;
        } catch (JsonProcessingException e) {
            return problem("The document is not JSON yet: fix it, then preview.");
        }
        if (!automation.path("actions").isArray() || automation.path("actions").isEmpty()) {
            return problem("The document has no actions to preview.");
        }
        String id = eventId == null ? "" : eventId.trim();
        if (!id.isEmpty()) {
            UUID stored;
            try {
                stored = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                return problem("Event id: not a UUID.");
            }
            return storedEvent(user, stored).chain(event -> event == null
                    ? problem("No stored event with id " + stored + ".")
                    : backtest(user, automation, (ObjectNode) event));
        }
        ObjectNode event;
        try {
            JsonNode parsed = JSON.readTree(eventText == null || eventText.isBlank() ? SAMPLE_EVENT : eventText);
            if (!parsed.isObject()) {
                return problem("The event must be a JSON object.");
            }
            event = (ObjectNode) parsed;
        } catch (JsonProcessingException e) {
            return problem("The event is not JSON: " + e.getOriginalMessage());
        }
        return backtest(user, automation, event);
    }

    private Uni<JsonNode> storedEvent(Session user, UUID id) {
        ObjectNode byId = JsonNodeFactory.instance.objectNode();
        byId.putObject("filter").putObject("id").putArray("id").add(id.toString());
        byId.put("limit", 1);
        return api.post(user, VigilService.INGEST, "/events/filter", byId).map(answer -> {
            JsonNode events = answer.orFail("reading the event").body().path("events");
            return events.isEmpty() ? null : events.get(0);
        });
    }

    private Uni<Result> backtest(Session user, ObjectNode automation, ObjectNode event) {
        if (!event.path("id").isTextual()) {
            event.put("id", UUID.randomUUID().toString());
        }
        Instant occurred;
        try {
            occurred = event.path("occurred").isTextual()
                    ? OffsetDateTime.parse(event.path("occurred").asText()).toInstant() : clock.instant();
        } catch (DateTimeParseException e) {
            return problem("The event's occurred: not an ISO 8601 time with an offset.");
        }
        event.put("occurred", occurred.toString());
        String name = event.path("event").asText("");
        if (name.isEmpty()) {
            return problem("The event needs a name (\"event\").");
        }
        ObjectNode definition = automation.deepCopy();
        definition.put("enabled", true);
        ObjectNode trigger = definition.putObject("trigger").put("type", "event").put("posture", "Reactive")
                .put("threshold", 1).put("within", 0);
        trigger.putArray("expect").add(name);
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.set("automation", definition);
        request.put("start", occurred.minusSeconds(1).toString());
        request.putArray("events").add(event);
        request.put("until", occurred.plusSeconds(1).toString());
        return api.backtest(user, request).map(answer -> {
            if (!answer.ok()) {
                List<String> problems = new ArrayList<>();
                answer.fieldErrors().forEach(e -> problems.add(e.path() + ": " + e.message()));
                return new Result(List.of(), problems);
            }
            JsonNode firings = answer.body().path("firings");
            if (firings.isEmpty()) {
                List<String> problems = new ArrayList<>();
                problems.add("The preview did not fire on this event.");
                answer.body().path("warnings").forEach(w -> problems.add(w.asText()));
                return new Result(List.of(), problems);
            }
            List<PreviewRow> rows = new ArrayList<>();
            int index = 0;
            for (JsonNode action : firings.get(0).path("actions")) {
                ObjectNode fields = action.deepCopy();
                fields.remove("type");
                rows.add(new PreviewRow(index++, action.path("type").asText(), PrettyJson.of(fields),
                        action.has("error")));
            }
            return new Result(rows, List.of());
        });
    }

    private static Uni<Result> problem(String text) {
        return Uni.createFrom().item(new Result(List.of(), List.of(text)));
    }
}
