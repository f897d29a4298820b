package dev.vigil.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.event.Event;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code POST /api/webhooks/{id}/test}: renders a stored or supplied request against a draft
 * template (or the webhook's own) and returns {@code {"events": [...], "error": null}} or
 * {@code {"events": [], "error": "..."}}. Nothing is published and nothing is recorded.
 */
@ApplicationScoped
public class WebhookTester {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH");
    private static final String DEFAULT_METHOD = "POST";
    private static final String CONTENT_TYPE = "content-type";

    private final WebhookRequestLog history;
    private final WebhookRenderer renderer;
    private final ObjectMapper json;

    public WebhookTester(WebhookRequestLog history, WebhookRenderer renderer, ObjectMapper json) {
        this.history = history;
        this.renderer = renderer;
        this.json = json;
    }

    /** The outcome, or null when the webhook is not found; 422 for a bad test request. */
    public Uni<Map<String, Object>> test(Webhook webhook, WebhookTestRequest test) {
        validate(test);
        String template = test.template() == null ? webhook.template() : test.template();
        Uni<IncomingRequest> request = test.request() != null ? Uni.createFrom().item(supplied(test.request()))
                : history.one(webhook.workspaceId(), webhook.id(), UUID.fromString(test.requestId())).map(call -> {
                    if (call == null) {
                        throw new ValidationProblemException(FieldProblem.body(
                                "No stored request of this webhook has this id", "not_found", "request_id"));
                    }
                    return stored(call);
                });
        return request.flatMap(incoming -> Uni.createFrom().item(() -> render(template, incoming))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private Map<String, Object> render(String template, IncomingRequest request) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        try {
            List<Event> events = renderer.render(template, request);
            outcome.put("events", events);
            outcome.put("error", null);
        } catch (WebhookRejection e) {
            outcome.put("events", List.of());
            outcome.put("error", e.getMessage());
        }
        return outcome;
    }

    private void validate(WebhookTestRequest test) {
        if (test == null) {
            throw new ValidationProblemException(FieldProblem.body("Field required", "missing"));
        }
        if ((test.requestId() == null) == (test.request() == null)) {
            throw new ValidationProblemException(FieldProblem.body("Give exactly one of request_id and request",
                    "value_error", test.request() == null ? "request_id" : "request"));
        }
        if (test.requestId() != null) {
            try {
                UUID.fromString(test.requestId());
            } catch (IllegalArgumentException e) {
                throw new ValidationProblemException(FieldProblem.body("Input should be a valid UUID", "uuid_parsing",
                        "request_id"));
            }
        }
        if (test.request() != null && test.request().method() != null
                && !METHODS.contains(test.request().method().toUpperCase(Locale.ROOT))) {
            throw new ValidationProblemException(FieldProblem.body("Input should be one of " + METHODS,
                    "enum", "request", "method"));
        }
        if (test.template() != null) {
            renderer.syntaxProblem(test.template()).ifPresent(msg -> {
                throw new ValidationProblemException(FieldProblem.body(msg, "template_invalid", "template"));
            });
        }
    }

    private IncomingRequest supplied(WebhookTestRequest.Supplied supplied) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (supplied.headers() != null) {
            headers.putAll(supplied.headers());
        }
        JsonNode body = supplied.body();
        byte[] raw;
        if (body == null || body.isNull()) {
            raw = new byte[0];
        } else if (body.isTextual()) {
            raw = body.asText().getBytes(StandardCharsets.UTF_8);
        } else {
            raw = body.toString().getBytes(StandardCharsets.UTF_8);
            headers.putIfAbsent(CONTENT_TYPE, "application/json");
        }
        String method = supplied.method() == null ? DEFAULT_METHOD : supplied.method().toUpperCase(Locale.ROOT);
        return new IncomingRequest(method, headers, supplied.query() == null ? Map.of() : supplied.query(), raw);
    }

    private static IncomingRequest stored(WebhookCall call) {
        return new IncomingRequest(call.method(), call.headers(), call.query(),
                call.body().getBytes(StandardCharsets.UTF_8));
    }
}
