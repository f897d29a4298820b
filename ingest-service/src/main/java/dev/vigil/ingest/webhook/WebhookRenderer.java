package dev.vigil.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.ingest.event.EventBatchReader;
import dev.vigil.ingest.event.EventValidator;
import dev.vigil.model.event.Event;
import dev.vigil.model.event.EventIds;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.template.JinjaEnvironment;
import dev.vigil.template.TemplateLimits;
import dev.vigil.template.TemplateRenderException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a webhook's template against a request, in the sandboxed Jinja environment, into events.
 * Context: {@code body} (parsed JSON, form fields, or the text), {@code headers} (no
 * {@code Authorization}), {@code method}, {@code query}, {@code raw_body}, and for CloudEvents
 * {@code cloudevent} (see {@link CloudEvents}: {@code {{ cloudevent | tojson }}} is a complete
 * template). An event without
 * {@code id} or {@code occurred} gets a new id and the time of the request. CPU-bound: callers run
 * it off the event loop.
 */
@ApplicationScoped
public class WebhookRenderer {

    private final JinjaEnvironment jinja;
    private final ObjectMapper json;
    private final EventValidator validator;

    public WebhookRenderer(ObjectMapper json, EventValidator validator, TemplateLimits limits) {
        this.jinja = new JinjaEnvironment(limits);
        this.json = json;
        this.validator = validator;
    }

    /** Why the template cannot be parsed, or empty. */
    public Optional<String> syntaxProblem(String template) {
        List<dev.vigil.template.TemplateProblem> problems = jinja.validate(template);
        if (!problems.isEmpty()) {
            return Optional.of(problems.stream().map(Object::toString).collect(java.util.stream.Collectors.joining("; ")));
        }
        try {
            jinja.render(template, Map.of());
            return Optional.empty();
        } catch (TemplateRenderException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The events the template makes of the request; {@link WebhookRejection} with the reason otherwise. */
    public List<Event> render(String template, IncomingRequest request) {
        String output;
        try {
            output = jinja.render(template, context(template, request));
        } catch (TemplateRenderException e) {
            throw new WebhookRejection(e.getMessage());
        }
        JsonNode tree;
        try {
            tree = json.readTree(output);
        } catch (JsonProcessingException e) {
            throw notCloudEvent(template, request)
                    .orElse(new WebhookRejection("Template output is not valid JSON: " + e.getOriginalMessage()));
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (tree != null && tree.isArray()) {
            tree.forEach(nodes::add);
        } else if (tree != null && tree.isObject()) {
            nodes.add(tree);
        } else {
            throw notCloudEvent(template, request)
                    .orElse(new WebhookRejection("Template output must be an event object or a list of events"));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Event> events = new ArrayList<>(nodes.size());
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).isObject()) {
                throw new WebhookRejection("Template output item " + i + " is not an object");
            }
            ObjectNode node = (ObjectNode) nodes.get(i);
            if (!node.hasNonNull("id")) {
                node.put("id", EventIds.uuid7().toString());
            }
            if (!node.hasNonNull("occurred")) {
                node.put("occurred", now.toString());
            }
            try {
                Event event = json.treeToValue(node, Event.class);
                problems.addAll(validator.problems(event, i));
                events.add(event);
            } catch (JsonProcessingException e) {
                problems.add(EventBatchReader.describe(e, i));
            }
        }
        if (!problems.isEmpty()) {
            throw new WebhookRejection("Template output is not a valid event: " + problems.stream()
                    .map(p -> p.loc().subList(1, p.loc().size()) + " " + p.msg()).toList());
        }
        return events;
    }

    /** A clearer reason when a template made for CloudEvents gets a request that is not one. */
    private static Optional<WebhookRejection> notCloudEvent(String template, IncomingRequest request) {
        return JinjaEnvironment.mentions(template, CloudEvents.VARIABLE) && !CloudEvents.isCloudEvent(request)
                ? Optional.of(new WebhookRejection("Request is not a CloudEvent: no " + CloudEvents.STRUCTURED_TYPE
                        + " body and no ce-specversion header"))
                : Optional.empty();
    }

    private Map<String, Object> context(String template, IncomingRequest request) {
        String raw = new String(request.body(), StandardCharsets.UTF_8);
        Map<String, Object> context = new HashMap<>();
        Object body = body(request, raw);
        context.put("body", body);
        if (CloudEvents.isCloudEvent(request) && JinjaEnvironment.mentions(template, CloudEvents.VARIABLE)) {
            context.put(CloudEvents.VARIABLE, CloudEvents.event(request, body, json));
        }
        context.put("headers", request.templateHeaders());
        context.put("method", request.method());
        context.put("query", request.query());
        context.put("raw_body", raw);
        return context;
    }

    private Object body(IncomingRequest request, String raw) {
        String type = request.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase();
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            return form(raw);
        }
        if (mediaType.endsWith("json") || mediaType.endsWith("+json")) {
            try {
                return json.readValue(raw, Object.class);
            } catch (JsonProcessingException e) {
                throw new WebhookRejection("Request body is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return raw;
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            fields.put(formDecode(kv[0]), kv.length > 1 ? formDecode(kv[1]) : "");
        }
        return fields;
    }

    private static String formDecode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WebhookRejection("Request body is not valid form data: " + e.getMessage());
        }
    }
}
