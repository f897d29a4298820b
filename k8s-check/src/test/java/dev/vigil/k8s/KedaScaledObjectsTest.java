package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** overlays/keda: each ScaledObject watches a consumer group and topic its service really consumes. */
class KedaScaledObjectsTest {

    private final Rendered keda = Rendered.of("overlays/keda");

    @Test
    void everyKafkaTriggerNamesAGroupAndTopicOfItsService() {
        List<GenericKubernetesResource> scaled = keda.custom("ScaledObject");
        assertThat(scaled).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("ingest", "evaluator", "actuator");
        for (GenericKubernetesResource s : scaled) {
            assertThat(s.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
            String target = (String) ProductionRulesTest.spec(s, "scaleTargetRef", "name");
            Container container = keda.deployment(target).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
            Properties app = properties(target);
            List<Object> triggers = (List<Object>) ProductionRulesTest.spec(s, "triggers");
            assertThat(triggers).as(target + " triggers").extracting(t -> (Object) ((Map<?, ?>) t).get("type")).contains("cpu", "kafka");
            for (Object t : triggers) {
                Map<?, ?> trigger = (Map<?, ?>) t;
                if (!"kafka".equals(trigger.get("type"))) {
                    continue;
                }
                Map<?, ?> metadata = (Map<?, ?>) trigger.get("metadata");
                String group = (String) metadata.get("consumerGroup");
                String topic = (String) metadata.get("topic");
                assertThat(app.stringPropertyNames()).as(target + ": a channel with group.id " + group + " on topic " + topic)
                        .anySatisfy(key -> {
                            assertThat(key).endsWith(".group.id");
                            assertThat(app.getProperty(key)).isEqualTo(group);
                            assertThat(app.getProperty(key.replace(".group.id", ".topic"))).isEqualTo(topic);
                        });
                // the bootstrap servers come from an environment variable of the target container
                String env = (String) metadata.get("bootstrapServersFromEnv");
                boolean fromConfig = container.getEnvFrom().stream()
                        .anyMatch(f -> keda.config(f.getConfigMapRef().getName()).containsKey(env));
                assertThat(fromConfig).as(target + ": " + env + " in the container's environment").isTrue();
            }
        }
    }

    private static Properties properties(String service) {
        Path file = Yaml.repo().resolve(service + "-service/src/main/resources/application.properties");
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
        return p;
    }
}
