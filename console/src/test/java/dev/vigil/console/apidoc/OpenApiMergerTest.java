package dev.vigil.console.apidoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.VigilService;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenApiMerger merger = new OpenApiMerger(
            (ObjectNode) read("{'title': 'Vigil API', 'version': '9'}"));

    private static JsonNode read(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<VigilService, JsonNode> documents(String ingest, String evaluator, String actuator) {
        Map<VigilService, JsonNode> documents = new EnumMap<>(VigilService.class);
        documents.put(VigilService.INGEST, read(ingest));
        documents.put(VigilService.EVALUATOR, read(evaluator));
        documents.put(VigilService.ACTUATOR, read(actuator));
        return documents;
    }

    private static String document(String paths, String schemas) {
        return "{'openapi': '3.1.0', 'info': {'title': 'own', 'version': '1'}, 'paths': {" + paths + "},"
                + " 'components': {'schemas': {" + schemas + "}, 'securitySchemes': {'api_key': {'type': 'http',"
                + " 'scheme': 'bearer'}}}, 'security': [{'api_key': []}], 'tags': [{'name': 'shared'}]}";
    }

    private static String ref(String schema) {
        return "{'$ref': '#/components/schemas/" + schema + "'}";
    }

    private static String get(String schema) {
        return "{'get': {'responses': {'200': {'content': {'application/json': {'schema': " + ref(schema) + "}}}}}}";
    }

    @Test
    void everyPathIsKeptAndMarkedWithItsService() {
        JsonNode merged = merger.merge(documents(
                document("'/api/events': " + get("Event"), "'Event': {'type': 'object'}"),
                document("'/api/automations/': " + get("Automation"), "'Automation': {'type': 'object'}"),
                document("'/api/incidents': " + get("Incident"), "'Incident': {'type': 'object'}")));

        assertThat(merged.path("info").path("title").asText()).isEqualTo("Vigil API");
        assertThat(merged.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(merged.path("paths").path("/api/events").path("x-vigil-service").asText()).isEqualTo("ingest");
        assertThat(merged.path("paths").path("/api/automations/").path("x-vigil-service").asText())
                .isEqualTo("evaluator");
        assertThat(merged.path("paths").path("/api/incidents").path("x-vigil-service").asText()).isEqualTo("actuator");
        assertThat(merged.path("components").path("schemas").properties()).hasSize(3);
        assertThat(merged.path("components").path("securitySchemes").path("api_key").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(merged.path("security").toString()).isEqualTo("[{\"api_key\":[]}]");
        assertThat(merged.path("tags")).hasSize(1);
    }

    @Test
    void aSchemaTwoServicesDefineDifferentlyIsRenamedWithItsReferences() {
        JsonNode merged = merger.merge(documents(
                document("'/api/events': " + get("Page"), "'Page': {'type': 'array'}, 'Same': {'type': 'string'}"),
                document("'/api/automations/': " + get("Page"), "'Page': {'type': 'object'}, 'Same': {'type': 'string'}"),
                document("", "")));

        JsonNode schemas = merged.path("components").path("schemas");
        assertThat(schemas.has("Page")).isFalse();
        assertThat(schemas.path("ingest.Page").path("type").asText()).isEqualTo("array");
        assertThat(schemas.path("evaluator.Page").path("type").asText()).isEqualTo("object");
        assertThat(schemas.path("Same").path("type").asText()).as("identical definitions are shared").isEqualTo("string");
        assertThat(merged.path("paths").path("/api/events").findValue("$ref").asText())
                .isEqualTo("#/components/schemas/ingest.Page");
        assertThat(merged.path("paths").path("/api/automations/").findValue("$ref").asText())
                .isEqualTo("#/components/schemas/evaluator.Page");
    }

    /** Two equal schemas that refer to differing ones differ once those are renamed: they are renamed too. */
    @Test
    void aRenameReachesTheSchemasThatReferToIt() {
        String ingest = "'Wrapper': {'type': 'object', 'properties': {'item': " + ref("Item") + "}},"
                + " 'Item': {'type': 'string'}";
        String evaluator = "'Wrapper': {'type': 'object', 'properties': {'item': " + ref("Item") + "}},"
                + " 'Item': {'type': 'integer'}";
        JsonNode merged = merger.merge(documents(document("'/api/events': " + get("Wrapper"), ingest),
                document("'/api/automations/': " + get("Wrapper"), evaluator), document("", "")));

        JsonNode schemas = merged.path("components").path("schemas");
        assertThat(List.of("ingest.Wrapper", "evaluator.Wrapper", "ingest.Item", "evaluator.Item"))
                .allMatch(schemas::has);
        assertThat(schemas.has("Wrapper")).isFalse();
        assertThat(schemas.path("evaluator.Wrapper").path("properties").path("item").path("$ref").asText())
                .isEqualTo("#/components/schemas/evaluator.Item");
        assertThat(merged.path("paths").path("/api/automations/").findValue("$ref").asText())
                .isEqualTo("#/components/schemas/evaluator.Wrapper");
    }

    @Test
    void aPathTwoServicesDocumentDifferentlyIsAnError() {
        assertThatThrownBy(() -> merger.merge(documents(
                document("'/api/things': " + get("A"), "'A': {'type': 'string'}"),
                document("'/api/things': {'post': {'responses': {}}}", ""), document("", ""))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/api/things").hasMessageContaining("ingest").hasMessageContaining("evaluator");
    }

    @Test
    void theServicesDocumentsAreNotChanged() {
        Map<VigilService, JsonNode> documents = documents(
                document("'/api/events': " + get("Page"), "'Page': {'type': 'array'}"),
                document("'/api/automations/': " + get("Page"), "'Page': {'type': 'object'}"), document("", ""));
        String before = documents.toString();
        merger.merge(documents);
        assertThat(documents.toString()).isEqualTo(before);
    }
}
