package dev.vigil.console.apidoc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vigil.console.api.VigilService;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One OpenAPI document from the services' own: their paths (each path item marked with the service that
 * serves it, {@value #SERVICE_EXTENSION}), their components, tags and security. A component two services
 * define differently (the same name, another schema) is renamed {@code <service>.<name>} in each, with the
 * references to it; a path two services document differently is an error, as the gateway could route it
 * to one of them only.
 */
public final class OpenApiMerger {

    /** The path item extension naming the service that serves the path ({@code ingest}, ...). */
    public static final String SERVICE_EXTENSION = "x-vigil-service";
    private static final String REF = "$ref";
    private static final String COMPONENTS_REF = "#/components/";

    private final ObjectNode info;

    /** {@code info} is the merged document's (title, version, description). */
    public OpenApiMerger(ObjectNode info) {
        this.info = info;
    }

    public ObjectNode merge(Map<VigilService, JsonNode> documents) {
        Map<VigilService, ObjectNode> copies = new EnumMap<>(VigilService.class);
        documents.forEach((service, document) -> copies.put(service, (ObjectNode) document.deepCopy()));
        renameConflictingComponents(copies);

        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode merged = nodes.objectNode();
        merged.put("openapi", copies.values().stream().map(d -> d.path("openapi").asText(""))
                .filter(v -> !v.isEmpty()).findFirst().orElse("3.1.0"));
        merged.set("info", info.deepCopy());
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = nodes.objectNode();
        Map<String, JsonNode> tags = new LinkedHashMap<>();
        Map<String, VigilService> pathOwners = new HashMap<>();
        copies.forEach((service, document) -> {
            document.path("paths").properties().forEach(path -> {
                ObjectNode item = ((ObjectNode) path.getValue().deepCopy())
                        .put(SERVICE_EXTENSION, service.name().toLowerCase(Locale.ROOT));
                VigilService owner = pathOwners.putIfAbsent(path.getKey(), service);
                if (owner != null && !stripService(paths.get(path.getKey())).equals(stripService(item))) {
                    throw new IllegalStateException("the path " + path.getKey() + " is documented differently by "
                            + owner.name().toLowerCase(Locale.ROOT) + " and "
                            + service.name().toLowerCase(Locale.ROOT));
                }
                if (owner == null) {
                    paths.set(path.getKey(), item);
                }
            });
            document.path("components").properties().forEach(section -> {
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().properties().forEach(entry -> target.set(entry.getKey(), entry.getValue()));
            });
            document.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asText(), tag));
            if (document.has("security") && !merged.has("security")) {
                merged.set("security", document.get("security"));
            }
        });
        if (!tags.isEmpty()) {
            merged.putArray("tags").addAll(tags.values());
        }
        merged.set("components", components);
        return merged;
    }

    private static ObjectNode stripService(JsonNode item) {
        ObjectNode copy = (ObjectNode) item.deepCopy();
        copy.remove(SERVICE_EXTENSION);
        return copy;
    }

    /**
     * Renames, until none is left, every component that two services define differently. A rename can make
     * components that referred to it differ in turn; each name is renamed once at most, so this ends.
     */
    private static void renameConflictingComponents(Map<VigilService, ObjectNode> documents) {
        Set<String> renamed = new HashSet<>();
        while (true) {
            Map<String, Map<VigilService, JsonNode>> definitions = new LinkedHashMap<>();
            documents.forEach((service, document) -> document.path("components").properties().forEach(section ->
                    section.getValue().properties().forEach(entry -> definitions
                            .computeIfAbsent(section.getKey() + "/" + entry.getKey(),
                                    k -> new EnumMap<>(VigilService.class))
                            .put(service, entry.getValue()))));
            List<String> conflicts = new ArrayList<>();
            definitions.forEach((key, byService) -> {
                if (byService.values().stream().distinct().count() > 1 && !renamed.contains(key)) {
                    conflicts.add(key);
                }
            });
            if (conflicts.isEmpty()) {
                return;
            }
            for (String key : conflicts) {
                String section = key.substring(0, key.indexOf('/'));
                String name = key.substring(key.indexOf('/') + 1);
                definitions.get(key).keySet().forEach(service -> {
                    String newName = service.name().toLowerCase(Locale.ROOT) + "." + name;
                    ObjectNode sectionNode = (ObjectNode) documents.get(service).path("components").path(section);
                    sectionNode.set(newName, sectionNode.remove(name));
                    rewriteRefs(documents.get(service), COMPONENTS_REF + key, COMPONENTS_REF + section + "/" + newName);
                    renamed.add(section + "/" + newName);
                });
                renamed.add(key);
            }
        }
    }

    private static void rewriteRefs(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get(REF);
            if (ref != null && ref.isTextual() && ref.asText().equals(from)) {
                object.set(REF, TextNode.valueOf(to));
            }
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                rewriteRefs(children.next(), from, to);
            }
        } else if (node != null && node.isArray()) {
            node.forEach(child -> rewriteRefs(child, from, to));
        }
    }
}
