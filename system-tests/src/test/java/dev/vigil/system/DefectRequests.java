package dev.vigil.system;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Issue 13's defect classes as requests, each of which must be answered 4xx (never 5xx): a NUL in every
 * kind of stored or filtered string, nulls inside lists, durations beyond the supported range, wrong JSON
 * types, unknown type tags and missing values. Signature timestamps and page tokens need a webhook or a
 * first page, so {@code FuzzIT} adds those itself.
 */
final class DefectRequests {

    /**
     * A defect request: method, path (under the workspace prefix unless it starts with {@code /hooks/} or {@code /api/}), JSON
     * body (or null) and extra headers.
     */
    record Defect(String name, String method, String path, String body, java.util.Map<String, String> headers) {

        Defect(String name, String method, String path, String body) {
            this(name, method, path, body, java.util.Map.of());
        }
    }

    /** The JSON escape of U+0000 (PostgreSQL text cannot hold the character). */
    static final String NUL = "\\u0000";
    private static final List<String> HUGE_DURATIONS = List.of("\"P999999999D\"", "\"PT2562047788015215H\"",
            "1e300", "-1e300", "315619201", "\"P3654D\"", "9223372036854775807");

    private DefectRequests() {
    }

    static List<Defect> all(String blockId) {
        List<Defect> all = new ArrayList<>();
        nulInAutomations(all, blockId);
        nulInBlocksAndWebhooks(all);
        nulInFilters(all);
        nullsInLists(all);
        durations(all);
        typesAndValues(all);
        return all;
    }

    private static void nulInAutomations(List<Defect> all, String blockId) {
        String action = "{\"type\": \"call-webhook\", \"block_document_id\": \"" + blockId + "\", \"payload\": \"x\"}";
        String trigger = "{\"posture\": \"Reactive\", \"expect\": [\"fuzz.x\"]}";
        all.add(automation("name", "\"a" + NUL + "b\"", trigger, action, ""));
        all.add(automation("description", "\"n\"", trigger, action, ", \"description\": \"" + NUL + "\""));
        all.add(automation("tags", "\"n\"", trigger, action, ", \"tags\": [\"t" + NUL + "\"]"));
        all.add(automation("expect", "\"n\"", "{\"posture\": \"Reactive\", \"expect\": [\"x" + NUL + "\"]}", action, ""));
        all.add(automation("after", "\"n\"", "{\"posture\": \"Reactive\", \"after\": [\"x" + NUL + "\"]}", action, ""));
        all.add(automation("for_each", "\"n\"", "{\"posture\": \"Reactive\", \"for_each\": [\"x" + NUL + "\"]}",
                action, ""));
        all.add(automation("match key", "\"n\"", "{\"posture\": \"Reactive\", \"match\": {\"k" + NUL + "\": \"v\"}}",
                action, ""));
        all.add(automation("match value", "\"n\"", "{\"posture\": \"Reactive\", \"match\": {\"k\": \"v" + NUL + "\"}}",
                action, ""));
        all.add(automation("match_related", "\"n\"",
                "{\"posture\": \"Reactive\", \"match_related\": {\"prefect.resource.role\": \"" + NUL + "\"}}",
                action, ""));
        all.add(automation("payload", "\"n\"", trigger, "{\"type\": \"call-webhook\", \"block_document_id\": \""
                + blockId + "\", \"payload\": \"{{ event.id }}" + NUL + "\"}", ""));
        all.add(automation("owner_resource", "\"n\"", trigger, action, ", \"owner_resource\": \"o" + NUL + "\""));
        all.add(new Defect("NUL in related-to path", "GET", "/automations/related-to/x%00y", null));
        all.add(new Defect("NUL in owned-by path", "DELETE", "/automations/owned-by/x%00y", null));
        all.add(new Defect("NUL in automation filter", "POST", "/automations/filter",
                "{\"automations\": {\"name\": {\"any_\": [\"" + NUL + "\"]}}}"));
    }

    private static void nulInBlocksAndWebhooks(List<Defect> all) {
        all.add(new Defect("NUL in block name", "POST", "/block_documents/", "{\"name\": \"b" + NUL
                + "\", \"block_type_slug\": \"webhook\", \"data\": {\"url\": \"https://example.com/x\"}}"));
        all.add(new Defect("NUL in block url", "POST", "/block_documents/", "{\"name\": \"b\","
                + " \"block_type_slug\": \"webhook\", \"data\": {\"url\": \"https://example.com/" + NUL + "\"}}"));
        all.add(new Defect("NUL in block header", "POST", "/block_documents/", "{\"name\": \"b\","
                + " \"block_type_slug\": \"webhook\", \"data\": {\"url\": \"https://example.com/x\","
                + " \"headers\": {\"X-A\": \"v" + NUL + "\"}}}"));
        all.add(new Defect("NUL in block data key", "POST", "/block_documents/", "{\"name\": \"b\","
                + " \"block_type_slug\": \"webhook\", \"data\": {\"url\": \"https://example.com/x\", \"k" + NUL
                + "\": 1}}"));
        all.add(new Defect("NUL in block filter", "POST", "/block_documents/filter",
                "{\"block_documents\": {\"name\": {\"any_\": [\"" + NUL + "\"]}}}"));
        all.add(new Defect("NUL in webhook name", "POST", "/webhooks", "{\"name\": \"w" + NUL
                + "\", \"template\": \"{\\\"event\\\": \\\"x\\\"}\"}"));
        all.add(new Defect("NUL in webhook template", "POST", "/webhooks", "{\"name\": \"w\", \"template\": \"{"
                + NUL + "}\"}"));
        all.add(new Defect("NUL in webhook secret", "POST", "/webhooks", "{\"name\": \"w\", \"template\":"
                + " \"{\\\"event\\\": \\\"x\\\"}\", \"signature\": {\"scheme\": \"stripe\", \"secret\": \"s" + NUL
                + "\"}}"));
    }

    private static void nulInFilters(List<Defect> all) {
        String since = ", \"occurred\": {\"since\": \"2026-01-01T00:00:00Z\"}";
        for (String clause : List.of("\"event\": {\"name\": [\"" + NUL + "\"]}",
                "\"event\": {\"prefix\": [\"" + NUL + "\"]}",
                "\"event\": {\"exclude_name\": [\"" + NUL + "\"]}",
                "\"resource\": {\"id\": [\"" + NUL + "\"]}",
                "\"resource\": {\"id_prefix\": [\"" + NUL + "\"]}",
                "\"resource\": {\"labels\": {\"k" + NUL + "\": [\"v\"]}}",
                "\"related\": {\"role\": [\"" + NUL + "\"]}",
                "\"text\": \"" + NUL + "\"",
                "\"any_resource\": {\"id\": [\"" + NUL + "\"]}")) {
            all.add(new Defect("NUL in event filter " + clause, "POST", "/events/filter",
                    "{\"filter\": {" + clause + since + "}}"));
            all.add(new Defect("NUL in count-by filter " + clause, "POST", "/events/count-by/event",
                    "{\"filter\": {" + clause + since + "}}"));
        }
    }

    private static void nullsInLists(List<Defect> all) {
        all.add(new Defect("null in automation filter list", "POST", "/automations/filter",
                "{\"automations\": {\"name\": {\"any_\": [null]}}}"));
        all.add(new Defect("null in event filter list", "POST", "/events/filter",
                "{\"filter\": {\"event\": {\"name\": [null]}}}"));
        all.add(new Defect("null in resource id list", "POST", "/events/count-by/event",
                "{\"filter\": {\"resource\": {\"id\": [null]}}}"));
        all.add(new Defect("null in expect", "POST", "/automations/",
                "{\"name\": \"n\", \"trigger\": {\"posture\": \"Reactive\", \"expect\": [null]}, \"actions\": []}"));
        all.add(new Defect("null in actions", "POST", "/automations/",
                "{\"name\": \"n\", \"trigger\": {\"posture\": \"Reactive\"}, \"actions\": [null]}"));
        all.add(new Defect("null in tags", "POST", "/automations/",
                "{\"name\": \"n\", \"tags\": [null], \"trigger\": {\"posture\": \"Reactive\"}, \"actions\": []}"));
        all.add(new Defect("null in compound triggers", "POST", "/automations/", "{\"name\": \"n\", \"trigger\":"
                + " {\"type\": \"compound\", \"require\": \"any\", \"triggers\": [null]}, \"actions\": []}"));
        all.add(new Defect("null in block type filter", "POST", "/block_documents/filter",
                "{\"block_types\": {\"slug\": {\"any_\": [null]}}}"));
    }

    private static void durations(List<Defect> all) {
        for (String within : HUGE_DURATIONS) {
            all.add(new Defect("within " + within, "POST", "/automations/", "{\"name\": \"n\", \"trigger\":"
                    + " {\"posture\": \"Reactive\", \"expect\": [\"x\"], \"within\": " + within + "}, \"actions\": []}"));
            all.add(new Defect("composite within " + within, "POST", "/automations/", "{\"name\": \"n\", \"trigger\":"
                    + " {\"type\": \"sequence\", \"within\": " + within + ", \"triggers\": [{\"posture\": \"Reactive\","
                    + " \"expect\": [\"x\"]}]}, \"actions\": []}"));
        }
        all.add(new Defect("metric range P999999999D", "POST", "/automations/", "{\"name\": \"n\", \"trigger\":"
                + " {\"type\": \"metric\", \"posture\": \"Metric\", \"metric\": {\"name\": \"lateness\","
                + " \"operator\": \">\", \"threshold\": 1, \"range\": \"P999999999D\"}}, \"actions\": []}"));
    }

    private static void typesAndValues(List<Defect> all) {
        String valid = "\"posture\": \"Reactive\", \"expect\": [\"x\"]";
        all.add(trigger("type zzz", "\"type\": \"zzz\", " + valid));
        all.add(trigger("threshold \"3\"", valid + ", \"threshold\": \"3\""));
        all.add(trigger("threshold 0", valid + ", \"threshold\": 0"));
        all.add(trigger("threshold -1", valid + ", \"threshold\": -1"));
        all.add(trigger("threshold 1.5", valid + ", \"threshold\": 1.5"));
        all.add(trigger("threshold true", valid + ", \"threshold\": true"));
        all.add(trigger("threshold null", valid + ", \"threshold\": null"));
        all.add(trigger("within null", valid + ", \"within\": null"));
        all.add(trigger("within true", valid + ", \"within\": true"));
        all.add(trigger("expect a string", "\"posture\": \"Reactive\", \"expect\": 5"));
        all.add(trigger("posture 1", "\"posture\": 1"));
        all.add(new Defect("name a number", "POST", "/automations/",
                "{\"name\": 5, \"trigger\": {" + valid + "}, \"actions\": []}"));
        all.add(new Defect("enabled a string", "POST", "/automations/",
                "{\"name\": \"n\", \"enabled\": \"true\", \"trigger\": {" + valid + "}, \"actions\": []}"));
        all.add(new Defect("action type zzz", "POST", "/automations/",
                "{\"name\": \"n\", \"trigger\": {" + valid + "}, \"actions\": [{\"type\": \"zzz\"}]}"));
        all.add(new Defect("block name a number", "POST", "/block_documents/",
                "{\"name\": 7, \"block_type_slug\": \"webhook\", \"data\": {\"url\": \"https://example.com/x\"}}"));
        all.add(new Defect("webhook name a number", "POST", "/webhooks",
                "{\"name\": 7, \"template\": \"{\\\"event\\\": \\\"x\\\"}\"}"));
        all.add(new Defect("page limit 3000", "POST", "/events/filter", "{\"limit\": 3000}"));
        all.add(new Defect("page limit 2^31-1", "POST", "/events/filter", "{\"limit\": 2147483647}"));
        all.add(new Defect("page limit \"10\"", "POST", "/events/filter", "{\"limit\": \"10\"}"));
        all.add(new Defect("automation filter limit 10^6", "POST", "/automations/filter", "{\"limit\": 1000000}"));
        all.add(new Defect("block filter limit 10^6", "POST", "/block_documents/filter", "{\"limit\": 1000000}"));
        all.add(new Defect("unsigned page token", "GET", "/events/filter/next?page-token=eyJ3b3Jrc3BhY2UiOiJ4In0",
                null));
        all.add(new Defect("forged page token", "GET", "/events/filter/next?page-token="
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"workspace\": \""
                + UUID.randomUUID() + "\", \"filter\": {}, \"count\": 5000, \"page_size\": 3000, \"offset\": 0}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".AAAA", null));
    }

    private static Defect automation(String field, String name, String trigger, String action, String extra) {
        return new Defect("NUL in automation " + field, "POST", "/automations/", "{\"name\": " + name
                + extra + ", \"trigger\": " + trigger + ", \"actions\": [" + action + "]}");
    }

    private static Defect trigger(String name, String trigger) {
        return new Defect("trigger " + name, "POST", "/automations/",
                "{\"name\": \"n\", \"trigger\": {" + trigger + "}, \"actions\": []}");
    }
}
