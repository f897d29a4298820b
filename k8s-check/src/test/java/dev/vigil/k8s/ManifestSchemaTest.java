package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every manifest file and every rendered overlay reads into fabric8's typed model with no unknown field. */
class ManifestSchemaTest {

    /** Custom resources allowed (KEDA's ScaledObject, checked field by field in ProductionRulesTest). */
    static final Set<String> CUSTOM_GROUPS = Set.of("keda.sh");

    static Stream<Path> files() {
        return Yaml.manifestFiles().stream();
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyDocumentOfEveryFileIsATypedKubernetesObject(Path file) {
        List<ObjectNode> docs = Yaml.documents(file);
        assertThat(docs).as(file.toString()).isNotEmpty();
        for (ObjectNode doc : docs) {
            ObjectNode copy = doc.deepCopy();
            copy.remove("$patch"); // a strategic-merge directive of a patch file, not an API field
            HasMetadata object = StrictModel.read(copy, CUSTOM_GROUPS);
            assertThat(object.getMetadata().getName()).as(file + ": metadata.name").isNotBlank();
            assertThat(object.getMetadata().getNamespace()).as(file + ": " + object.getMetadata().getName())
                    .isIn("vigil", null);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", "overlays/keda"})
    void everyRenderedObjectIsATypedKubernetesObject(String overlay) {
        List<ObjectNode> rendered = Kustomize.render(Yaml.repo().resolve("k8s").resolve(overlay));
        assertThat(rendered).hasSizeGreaterThan(10);
        for (ObjectNode doc : rendered) {
            HasMetadata object = StrictModel.read(doc, CUSTOM_GROUPS);
            if (!(object instanceof Namespace)) {
                assertThat(object.getMetadata().getNamespace()).as(StrictModel.describe(doc)).isEqualTo("vigil");
            }
        }
    }

    @Test
    void theKnownKindsComeBackAsTheirClasses() {
        List<HasMetadata> base = Yaml.documents(Yaml.repo().resolve("k8s/base/hpa.yaml")).stream()
                .map(d -> StrictModel.read(d, Set.of())).toList();
        assertThat(base).allSatisfy(o -> assertThat(o).isInstanceOf(HorizontalPodAutoscaler.class));
        assertThat(StrictModel.read(Yaml.documents(Yaml.repo().resolve("k8s/base/pdb.yaml")).get(0), Set.of()))
                .isInstanceOf(PodDisruptionBudget.class);
        assertThat(StrictModel.read(Yaml.documents(Yaml.repo().resolve("k8s/base/networkpolicy.yaml")).get(0), Set.of()))
                .isInstanceOf(NetworkPolicy.class);
        assertThat(StrictModel.read(Yaml.documents(Yaml.repo().resolve("k8s/base/actuator.yaml")).get(0), Set.of()))
                .isInstanceOf(Deployment.class);
        assertThat(StrictModel.read(Yaml.documents(Yaml.repo().resolve("k8s/overlays/keda/scaledobjects.yaml")).get(0),
                CUSTOM_GROUPS)).isInstanceOf(GenericKubernetesResource.class);
    }

    @Test
    void aMisspelledFieldDeepInADeploymentIsRefusedByItsPath() {
        ObjectNode deployment = Yaml.documents(Yaml.repo().resolve("k8s/base/actuator.yaml")).get(0);
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("securtyContext", "x");

        assertThatThrownBy(() -> StrictModel.read(deployment, Set.of()))
                .hasMessageContaining("unknown fields [Deployment.spec.template.spec.containers[0].securtyContext]");
    }

    @Test
    void aWrongTypeIsRefused() {
        ObjectNode deployment = Yaml.documents(Yaml.repo().resolve("k8s/base/actuator.yaml")).get(0);
        ((ObjectNode) deployment.at("/spec/template/spec")).putArray("terminationGracePeriodSeconds").add(1);

        assertThatThrownBy(() -> StrictModel.read(deployment, Set.of()))
                .hasMessageContaining("apps/v1 Deployment actuator");
    }

    @Test
    void anApiVersionTheApiDoesNotServeIsRefused() {
        ObjectNode hpa = Yaml.documents(Yaml.repo().resolve("k8s/base/hpa.yaml")).get(0);
        hpa.put("apiVersion", "autoscaling/v3");

        assertThatThrownBy(() -> StrictModel.read(hpa, CUSTOM_GROUPS))
                .hasMessageContaining("no such apiVersion/kind");
    }
}
