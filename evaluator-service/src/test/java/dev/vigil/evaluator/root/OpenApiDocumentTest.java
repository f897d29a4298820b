package dev.vigil.evaluator.root;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testsupport.auth.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's OpenAPI document, as the console merges it into {@code /api/openapi.json}: open, without
 * the internal headers as client parameters or Quarkus' {@code /q/} paths, with the bearer API key as the
 * security of every operation but the open ones.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private JsonNode document;

    /** Read without a key, as the console does. */
    @BeforeEach
    void readTheDocumentWithoutAKey() throws IOException {
        String body = TestApiKeys.anonymous().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        document = new ObjectMapper().readTree(body);
    }

    @Test
    void internalHeadersAreNoParameters() {
        List<String> headers = new ArrayList<>();
        document.path("paths").forEach(item -> {
            item.path("parameters").forEach(p -> headers.add(p.path("name").asText()));
            item.forEach(operation -> operation.path("parameters").forEach(p -> {
                if (p.path("in").asText().equals("header")) {
                    headers.add(p.path("name").asText());
                }
            }));
        });
        assertThat(headers).noneMatch(name -> name.toLowerCase().startsWith("x-vigil-"));
        assertThat(document.toString()).doesNotContainIgnoringCase("X-Vigil-Workspace");
    }

    @Test
    void documentsThePublicApiOnly() {
        List<String> paths = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/api/automations", "/api/automations/{id}", "/api/health")
                .noneMatch(path -> path.startsWith("/q/"));
    }

    @Test
    void everyOperationNeedsTheBearerKeyButTheOpenOnes() {
        JsonNode scheme = document.path("components").path("securitySchemes").path("api_key");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(document.path("security").toString()).isEqualTo("[{\"api_key\":[]}]");
        assertThat(document.path("paths").path("/api/health").path("get").path("security").toString())
                .isEqualTo("[]");
        assertThat(document.path("paths").path("/api/automations/{id}").path("get").has("security")).isFalse();
    }
}
