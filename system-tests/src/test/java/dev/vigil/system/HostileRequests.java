package dev.vigil.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates the fuzzer's HTTP requests: a hostile body ({@link HostileBodies}) sent to one of the
 * public write endpoints, usually as JSON, sometimes under a wrong content type or method.
 */
final class HostileRequests {

    /** The endpoints under attack, with a valid document each variant starts from. */
    enum Target {
        EVENTS, AUTOMATIONS, BLOCK_DOCUMENTS, HOOK, UNKNOWN_HOOK
    }

    record HostileRequest(Target target, HostileBodies.Kind kind, String method, String path, String contentType,
                          byte[] body) {

        /** For failure messages: never the whole (possibly megabytes long) body. */
        String describe() {
            String text = new String(body, 0, Math.min(body.length, EXCERPT), java.nio.charset.StandardCharsets.UTF_8);
            return method + " " + path + " [" + kind + ", " + contentType + ", " + body.length + " bytes] " + text;
        }
    }

    private static final int EXCERPT = 160;
    private static final double JSON_CONTENT_TYPE_SHARE = 0.8;
    private static final List<String> OTHER_CONTENT_TYPES = List.of(
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=latin1", "a/b/c", "application/octet-stream");
    private static final List<String> HOOK_METHODS = List.of("POST", "PUT", "PATCH", "GET", "DELETE");
    private static final List<String> AUTOMATION_TYPE_FIELDS = List.of(
            "/trigger/type", "/trigger/posture", "/actions/0/type", "/trigger/triggers/0/type");
    private static final List<String> BLOCK_TYPE_FIELDS = List.of("/block_type_slug", "/data/method");
    private static final List<String> EVENT_TYPE_FIELDS = List.of("/0/event", "/0/related/0/prefect.resource.role");
    private static final List<String> FRAME_TYPE_FIELDS = List.of("/event", "/related/0/prefect.resource.role");
    private static final List<String> HOOK_TYPE_FIELDS = List.of("/type", "/specversion");

    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final HostileBodies bodies;
    private final ApiPrefix prefix;
    private final String hookSlug;

    HostileRequests(Random random, ApiPrefix prefix, String hookSlug) {
        this.random = random;
        this.bodies = new HostileBodies(random);
        this.prefix = prefix;
        this.hookSlug = hookSlug;
    }

    HostileRequest next() {
        Target target = pickTarget();
        HostileBodies.Kind kind = bodies.randomKind();
        return switch (target) {
            case EVENTS -> json(target, kind, "POST", prefix.path("/events"), eventBatch(), EVENT_TYPE_FIELDS);
            case AUTOMATIONS -> json(target, kind, "POST", prefix.path("/automations/"), automation(),
                    AUTOMATION_TYPE_FIELDS);
            case BLOCK_DOCUMENTS -> json(target, kind, "POST", prefix.path("/block_documents/"), block(),
                    BLOCK_TYPE_FIELDS);
            case HOOK -> json(target, kind, bodies.pick(HOOK_METHODS), "/hooks/" + hookSlug, hookBody(),
                    HOOK_TYPE_FIELDS);
            case UNKNOWN_HOOK -> json(target, kind, "POST", "/hooks/" + UUID.randomUUID(), hookBody(),
                    HOOK_TYPE_FIELDS);
        };
    }

    /** A hostile websocket message: the body of a bad single event. */
    byte[] nextFrame() {
        return bodies.make(bodies.randomKind(), eventBatch().get(0), FRAME_TYPE_FIELDS);
    }

    private Target pickTarget() {
        int roll = random.nextInt(100);
        if (roll < 35) {
            return Target.EVENTS;
        } else if (roll < 60) {
            return Target.AUTOMATIONS;
        } else if (roll < 78) {
            return Target.BLOCK_DOCUMENTS;
        } else if (roll < 97) {
            return Target.HOOK;
        }
        return Target.UNKNOWN_HOOK;
    }

    private HostileRequest json(Target target, HostileBodies.Kind kind, String method, String path, JsonNode valid,
                                List<String> typeFields) {
        String contentType = random.nextDouble() < JSON_CONTENT_TYPE_SHARE
                ? "application/json" : bodies.pick(OTHER_CONTENT_TYPES);
        return new HostileRequest(target, kind, method, path, contentType, bodies.make(kind, valid, typeFields));
    }

    private JsonNode eventBatch() {
        return parse("""
                [{"id": "%s", "occurred": "%s", "event": "fuzz.noise",
                  "resource": {"prefect.resource.id": "fuzz.noise.%d", "team": "fuzz"},
                  "related": [{"prefect.resource.id": "fuzz.related", "prefect.resource.role": "tag"}],
                  "payload": {"n": 1, "nested": {"ok": true}}}]
                """.formatted(UUID.randomUUID(), Instant.now(), random.nextInt(100)));
    }

    /** Expects an event nobody sends, so the mutants that are still valid stay quiet. */
    private JsonNode automation() {
        return parse("""
                {"name": "fuzz-%d", "description": "fuzzed", "enabled": true,
                 "trigger": {"type": "compound", "require": "any", "within": 60, "triggers": [
                   {"type": "event", "expect": ["fuzz.never"], "match": {"prefect.resource.id": "fuzz.*"},
                    "for_each": ["prefect.resource.id"], "posture": "Reactive", "threshold": 2, "within": 30}]},
                 "actions": [{"type": "send-notification", "block_document_id": "%s",
                              "subject": "{{ event.resource.id }}", "body": "{{ event | tojson }}"}]}
                """.formatted(random.nextInt(1000), UUID.randomUUID()));
    }

    private JsonNode block() {
        return parse("""
                {"name": "fuzz-block-%d", "block_type_slug": "webhook",
                 "data": {"url": "http://127.0.0.1:9/never", "method": "POST", "headers": {"x": "y"}}}
                """.formatted(random.nextInt(1_000_000)));
    }

    private JsonNode hookBody() {
        return parse("""
                {"specversion": "1.0", "type": "fuzz.hook", "id": "%d", "source": "fuzz",
                 "data": {"status": "ok", "items": [1, 2, 3]}}
                """.formatted(random.nextInt(1000)));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
