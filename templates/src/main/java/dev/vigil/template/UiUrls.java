package dev.vigil.template;

import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/** Links into the Prefect UI for the objects and resources templates can name (the {@code ui_url} filter). */
public final class UiUrls {

    /** UI path of each resource kind, with the object's id (or, for work pools, name) appended. */
    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("automation", "/automations/automation/"),
            Map.entry("deployment", "/deployments/deployment/"),
            Map.entry("flow", "/flows/flow/"),
            Map.entry("flow-run", "/runs/flow-run/"),
            Map.entry("task-run", "/runs/task-run/"),
            Map.entry("work-pool", "/work-pools/work-pool/"),
            Map.entry("work-queue", "/work-queues/work-queue/"),
            Map.entry("block-document", "/blocks/block/"),
            Map.entry("concurrency-limit", "/concurrency-limits/concurrency-limit/"),
            Map.entry("variable", "/variables/variable/"));

    private UiUrls() {
    }

    /** The link for an object of {@code kind}, or null when there is no UI or no such page. */
    public static String of(String uiUrl, String kind, String idOrName) {
        String path = PATHS.get(kind);
        if (blank(uiUrl) || path == null || blank(idOrName)) {
            return null;
        }
        return trim(uiUrl) + path + idOrName;
    }

    /** The link for a resource whose id is {@code prefect.<kind>.<id>}. */
    public static String ofResourceId(String uiUrl, String resourceId) {
        if (resourceId == null || !resourceId.startsWith("prefect.")) {
            return null;
        }
        Resource resource = Resource.of(resourceId);
        String kind = resource.kind().substring("prefect.".length());
        return of(uiUrl, kind, resourceId.substring(resource.kind().length() + 1));
    }

    public static String event(String uiUrl, ReceivedEvent event) {
        if (blank(uiUrl) || event == null || event.id() == null || event.occurred() == null) {
            return null;
        }
        return trim(uiUrl) + "/events/event/" + event.occurred().atZoneSameInstant(ZoneOffset.UTC).toLocalDate()
                + "/" + event.id();
    }

    static String ofObject(String uiUrl, Object value) {
        if (value instanceof EventView view) {
            return event(uiUrl, view.event());
        }
        if (value instanceof TemplateResource resource) {
            return ofResourceId(uiUrl, resource.resource().id());
        }
        if (value instanceof TemplateObject object) {
            Object key = "work-pool".equals(object.kind()) ? object.get("name") : object.get("id");
            return key == null ? null : of(uiUrl, object.kind(), key.toString());
        }
        if (value instanceof String text) {
            return ofResourceId(uiUrl, text);
        }
        return null;
    }

    static boolean isUuid(String text) {
        try {
            return text != null && UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
