package dev.vigil.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One kustomization rendered and read into typed objects. */
record Rendered(String overlay, List<HasMetadata> objects) {

    static Rendered of(String overlay) {
        List<ObjectNode> docs = Kustomize.render(Yaml.repo().resolve("k8s").resolve(overlay));
        return new Rendered(overlay, docs.stream().map(d -> StrictModel.read(d, ManifestSchemaTest.CUSTOM_GROUPS)).toList());
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    /** The Deployments of Vigil's own services (image vigil/...), not the dev cluster's Kafka, PostgreSQL, Redis. */
    List<Deployment> services() {
        return all(Deployment.class).stream()
                .filter(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()
                        .anyMatch(c -> c.getImage().startsWith("vigil/")))
                .toList();
    }

    Optional<Deployment> deployment(String name) {
        return all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst();
    }

    Map<String, String> config(String name) {
        return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                .map(ConfigMap::getData).orElse(Map.of());
    }

    @Override
    public String toString() {
        return overlay;
    }
}
