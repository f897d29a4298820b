package dev.vigil.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of kustomize these manifests use, to check the overlays as they are rendered: {@code resources} (files
 * and kustomization directories) and {@code patches} by {@code path} (strategic merge: maps merge, lists of
 * objects with a {@code name} merge by name, other lists are replaced, {@code $patch: delete} removes the object).
 * Any other kustomization field is refused rather than ignored, so an overlay cannot silently render differently.
 * {@code kubectl kustomize} gives the same objects (checked by hand; kubectl is not needed here).
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches");

    private Kustomize() {
    }

    static List<ObjectNode> render(Path dir) {
        List<ObjectNode> kustomizations = Yaml.documents(dir.resolve("kustomization.yaml"));
        if (kustomizations.size() != 1) {
            throw new IllegalArgumentException(dir + ": one kustomization expected");
        }
        ObjectNode k = kustomizations.get(0);
        k.fieldNames().forEachRemaining(f -> {
            if (!SUPPORTED.contains(f)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml: unsupported field " + f);
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode entry : k.path("resources")) {
            Path resource = dir.resolve(entry.asText()).normalize();
            List<ObjectNode> more = Files.isDirectory(resource) ? render(resource) : Yaml.documents(resource);
            for (ObjectNode object : more) {
                if (find(objects, object) != null) {
                    throw new IllegalArgumentException(dir + ": " + id(object) + " twice");
                }
                objects.add(object);
            }
        }
        for (JsonNode entry : k.path("patches")) {
            if (entry.size() != 1 || !entry.has("path")) {
                throw new IllegalArgumentException(dir + ": only patches with a path are supported: " + entry);
            }
            for (ObjectNode patch : Yaml.documents(dir.resolve(entry.get("path").asText()))) {
                apply(objects, patch, dir);
            }
        }
        return objects;
    }

    private static void apply(List<ObjectNode> objects, ObjectNode patch, Path dir) {
        ObjectNode target = find(objects, patch);
        if (target == null) {
            throw new IllegalArgumentException(dir + ": the patch's target " + id(patch) + " is not among the resources");
        }
        if ("delete".equals(patch.path("$patch").asText())) {
            objects.remove(target);
        } else {
            merge(target, patch);
        }
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode current = target.get(field.getKey());
            JsonNode change = field.getValue();
            if (change.isNull()) {
                target.remove(field.getKey());
            } else if (current instanceof ObjectNode c && change instanceof ObjectNode p) {
                merge(c, p);
            } else if (current instanceof ArrayNode c && change instanceof ArrayNode p && named(c) && named(p)) {
                for (JsonNode item : p) {
                    ObjectNode same = byName(c, item.get("name").asText());
                    if (same == null) {
                        c.add(item.deepCopy());
                    } else {
                        merge(same, (ObjectNode) item);
                    }
                }
            } else {
                target.set(field.getKey(), change.deepCopy());
            }
        }
    }

    private static boolean named(ArrayNode list) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode byName(ArrayNode list, String name) {
        for (JsonNode item : list) {
            if (item.get("name").asText().equals(name)) {
                return (ObjectNode) item;
            }
        }
        return null;
    }

    private static ObjectNode find(List<ObjectNode> objects, ObjectNode like) {
        for (ObjectNode object : objects) {
            if (id(object).equals(id(like))) {
                return object;
            }
        }
        return null;
    }

    private static String id(ObjectNode object) {
        String group = object.path("apiVersion").asText().contains("/") ? object.path("apiVersion").asText().split("/")[0] : "";
        return group + "/" + object.path("kind").asText() + " " + object.path("metadata").path("namespace").asText()
                + "/" + object.path("metadata").path("name").asText();
    }
}
