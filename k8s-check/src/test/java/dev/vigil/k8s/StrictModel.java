package dev.vigil.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A manifest read into fabric8's typed Kubernetes model, strictly. The model's classes keep unknown fields in
 * {@code additionalProperties} (a Jackson any-setter) instead of failing, so FAIL_ON_UNKNOWN_PROPERTIES alone
 * refuses nothing: after reading, every model object of the tree is walked and a non-empty
 * {@code additionalProperties} is an error naming the field's path. A wrong type (a string for an int, a list for
 * a map) fails in Jackson itself; an apiVersion/kind the model does not know comes back as a
 * {@link GenericKubernetesResource}, refused here unless its group is in {@code customGroups}.
 */
final class StrictModel {

    private StrictModel() {
    }

    /** The typed object, or an {@link IllegalArgumentException} naming what is wrong. */
    static HasMetadata read(ObjectNode manifest, Collection<String> customGroups) {
        KubernetesResource resource;
        try {
            resource = Yaml.MAPPER.treeToValue(manifest, KubernetesResource.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(manifest) + ": " + e.getOriginalMessage(), e);
        }
        if (!(resource instanceof HasMetadata typed)) {
            throw new IllegalArgumentException(describe(manifest) + ": not a Kubernetes object");
        }
        if (typed instanceof GenericKubernetesResource) {
            String group = typed.getApiVersion() == null ? "" : typed.getApiVersion().split("/")[0];
            if (!customGroups.contains(group)) {
                throw new IllegalArgumentException(describe(manifest) + ": no such apiVersion/kind in the Kubernetes API");
            }
            return typed;
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(typed, typed.getKind(), unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(describe(manifest) + ": unknown fields " + unknown);
        }
        return typed;
    }

    static String describe(ObjectNode manifest) {
        return manifest.path("apiVersion").asText() + " " + manifest.path("kind").asText() + " "
                + manifest.path("metadata").path("name").asText();
    }

    private static void unknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object fieldValue = get(field, value);
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra) {
                        extra.keySet().forEach(k -> unknown.add(path + "." + k));
                    }
                } else {
                    unknownFields(fieldValue, path + "." + field.getName(), unknown);
                }
            }
        }
    }

    private static Object get(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
