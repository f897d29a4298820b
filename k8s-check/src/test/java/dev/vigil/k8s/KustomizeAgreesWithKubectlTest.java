package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where kubectl is installed, the overlays rendered by {@link Kustomize} equal {@code kubectl kustomize}'s output
 * (as sets of objects; lists of named items compared by name, since kustomize moves patched items first).
 * Skipped on a machine without kubectl: the other tests do not need it.
 */
class KustomizeAgreesWithKubectlTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", "overlays/keda"})
    void sameObjectsAsKubectlKustomize(String overlay) throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(kubectl != null, "kubectl not on PATH");
        Path dir = Yaml.repo().resolve("k8s").resolve(overlay);
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        List<JsonNode> theirs = new ArrayList<>();
        try (JsonParser parser = Yaml.MAPPER.getFactory().createParser(out)) {
            theirs.addAll(Yaml.MAPPER.readValues(parser, JsonNode.class).readAll());
        }
        assertThat(byId(Kustomize.render(dir).stream().map(JsonNode.class::cast).toList()))
                .isEqualTo(byId(theirs));
    }

    private static Map<String, JsonNode> byId(List<JsonNode> objects) {
        Map<String, JsonNode> map = new TreeMap<>();
        for (JsonNode o : objects) {
            map.put(o.path("kind").asText() + "/" + o.path("metadata").path("name").asText(), normalized(o.deepCopy()));
        }
        return map;
    }

    private static JsonNode normalized(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(e -> e.setValue(normalized(e.getValue())));
        } else if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(i -> items.add(normalized(i)));
            if (items.stream().allMatch(i -> i.path("name").isTextual())) {
                items.sort(Comparator.comparing(i -> i.get("name").asText()));
            }
            array.removeAll();
            items.forEach(array::add);
        }
        return node;
    }
}
