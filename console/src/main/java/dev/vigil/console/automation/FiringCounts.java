package dev.vigil.console.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.ApiFailureException;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.session.Session;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How often each automation of a page fired over the last day, and when it last did: one
 * {@code count-by/resource} over the {@code prefect.automation.triggered} events the evaluator emits
 * (their resource is {@code prefect.automation.<id>}). The list page loads them as a fragment after it is shown
 * ({@code GET /automations/firings}), so its own render does not wait for this call. Empty when the history cannot
 * be read (refused or unreachable).
 */
@ApplicationScoped
public class FiringCounts {

    static final Duration WINDOW = Duration.ofHours(24);
    private static final String TRIGGERED = "prefect.automation.triggered";
    private static final String RESOURCE_PREFIX = "prefect.automation.";

    /** One automation's firings in the window and the last one's time (ISO-8601), or empty text. */
    public record Firings(long count, String last) {
        public static final Firings NONE = new Firings(0, "");
    }

    private final ApiClient api;
    private final Clock clock = Clock.systemUTC();

    public FiringCounts(ApiClient api) {
        this.api = api;
    }

    public Uni<Optional<Map<String, Firings>>> of(Session user, List<String> automationIds) {
        if (automationIds.isEmpty()) {
            return Uni.createFrom().item(Optional.of(Map.of()));
        }
        Instant now = clock.instant();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode filter = body.putObject("filter");
        filter.putObject("occurred").put("since", now.minus(WINDOW).toString()).put("until", now.toString());
        filter.putObject("event").putArray("name").add(TRIGGERED);
        ArrayNode ids = filter.putObject("resource").putArray("id");
        automationIds.forEach(id -> ids.add(RESOURCE_PREFIX + id));
        return api.post(user, VigilService.INGEST, "/events/count-by/resource", body).map(answer -> {
            if (!answer.ok()) {
                return Optional.<Map<String, Firings>>empty();
            }
            Map<String, Firings> counts = new HashMap<>();
            for (JsonNode row : answer.body()) {
                String value = row.path("value").asText();
                if (value.startsWith(RESOURCE_PREFIX)) {
                    counts.put(value.substring(RESOURCE_PREFIX.length()),
                            new Firings(row.path("count").asLong(), row.path("end_time").asText("")));
                }
            }
            return Optional.of(counts);
        }).onFailure(ApiFailureException.class).recoverWithItem(Optional.empty());
    }
}
