package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three places that route requests agree: the nginx gateway template (bin/gateway and
 * docker-compose), the Kubernetes ingress, and the compose wiring of the gateway to the services.
 * Reads files only; named *IT so that it runs with the other system tests in {@code mvn verify}.
 */
class RoutesConsistencyIT {

    private static final String TEMPLATE = "gateway/vigil.conf.template";
    private static final String INGRESS = "k8s/base/ingress.yaml";
    private static final String COMPOSE = "docker-compose.yml";
    /** Where the official nginx image looks for templates to render into conf.d/. */
    private static final String COMPOSE_TEMPLATE_TARGET = "/etc/nginx/templates/default.conf.template";
    private static final String CLOUD_PREFIX = ApiPrefix.workspace(
            UUID.fromString("6a0e1f5c-0000-4000-8000-00000000acc1"),
            UUID.fromString("6a0e1f5c-0000-4000-8000-0000000000a1")).value();

    /** Paths after {@code /api} (or the Prefect Cloud prefix) and the service that owns them. */
    private static final Map<String, VigilService> API_ROUTES = new LinkedHashMap<>();

    static {
        API_ROUTES.put("/events", VigilService.INGEST);
        API_ROUTES.put("/events/filter", VigilService.INGEST);
        API_ROUTES.put("/events/in", VigilService.INGEST);
        API_ROUTES.put("/webhooks/", VigilService.INGEST);
        API_ROUTES.put("/automations/", VigilService.EVALUATOR);
        API_ROUTES.put("/automations/filter", VigilService.EVALUATOR);
        API_ROUTES.put("/templates/validate", VigilService.EVALUATOR);
        API_ROUTES.put("/api_keys", VigilService.EVALUATOR);
        API_ROUTES.put("/health", VigilService.EVALUATOR);
        API_ROUTES.put("/hello", VigilService.EVALUATOR);
        API_ROUTES.put("/admin/version", VigilService.EVALUATOR);
        API_ROUTES.put("/api_keys/" + UUID.randomUUID(), VigilService.EVALUATOR);
        API_ROUTES.put("/block_documents/", VigilService.ACTUATOR);
        API_ROUTES.put("/block_types/", VigilService.ACTUATOR);
        API_ROUTES.put("/block_schemas/filter", VigilService.ACTUATOR);
        API_ROUTES.put("/actions/executions", VigilService.ACTUATOR);
        API_ROUTES.put("/incidents/", VigilService.ACTUATOR);
    }

    /**
     * The console's pages and assets: every path that is not {@code /api}, {@code /q/} or {@code /hooks/}, and the
     * merged API document {@code /api/openapi.json}.
     */
    private static final List<String> CONSOLE_PAGES = List.of("/", "/signin", "/automations",
            "/automations/" + UUID.randomUUID(), "/events", "/static/console.css", "/apiary", "/hooks", "/docs",
            "/openapi-ui/swagger-ui-bundle.js", "/api/openapi.json");

    /** Paths after {@code /api} that no service owns: Prefect APIs Vigil lacks, and near misses. */
    private static final List<String> UNROUTED_API_PATHS = List.of("/flows/", "/eventsx", "/automations_old/",
            "/openapi.jsonx");

    /** The services' Quarkus endpoints: metrics and OpenAPI stay off the public edge (health is the gateway's own). */
    private static final List<String> UNROUTED_QUARKUS_PATHS = List.of("/q/metrics", "/q/openapi", "/q/health/live",
            "/q/dev-ui");

    private static Path repoRoot;
    private static GatewayRoutes gateway;
    private static IngressRoutes ingress;

    @BeforeAll
    static void readRouteFiles() throws IOException {
        repoRoot = SystemSettings.findRepoRoot();
        gateway = GatewayRoutes.parse(Files.readString(repoRoot.resolve(TEMPLATE)));
        ingress = IngressRoutes.of(YamlTree.load(repoRoot.resolve(INGRESS)));
    }

    static Stream<Arguments> routedPaths() {
        List<Arguments> rows = new ArrayList<>();
        API_ROUTES.forEach((rest, service) -> {
            rows.add(arguments("/api" + rest, service));
            rows.add(arguments(CLOUD_PREFIX + rest, service));
        });
        rows.add(arguments("/hooks/abc", VigilService.INGEST));
        CONSOLE_PAGES.forEach(page -> rows.add(arguments(page, VigilService.CONSOLE)));
        return rows.stream();
    }

    static Stream<String> unroutedPaths() {
        return Stream.of(
                UNROUTED_API_PATHS.stream().flatMap(rest -> Stream.of("/api" + rest, CLOUD_PREFIX + rest)),
                UNROUTED_QUARKUS_PATHS.stream(), Stream.of("/api", "/api/"),
                // The API document is served at /api/openapi.json only, not under a workspace's prefix.
                Stream.of(CLOUD_PREFIX + "/openapi.json")).flatMap(paths -> paths);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("routedPaths")
    void gatewayAndIngressRouteToTheSameService(String path, VigilService owner) {
        assertThat(gateway.route(path)).as("gateway (%s) route of %s", TEMPLATE, path).contains(owner);
        assertThat(ingress.route(path)).as("ingress (%s) route of %s", INGRESS, path).contains(owner);
    }

    @ParameterizedTest(name = "{0} -> nowhere")
    @MethodSource("unroutedPaths")
    void neitherRoutesAnUnknownApi(String path) {
        assertThat(gateway.route(path)).as("gateway (%s) route of %s", TEMPLATE, path).isEmpty();
        assertThat(ingress.route(path)).as("ingress (%s) route of %s", INGRESS, path).isEmpty();
    }

    @Test
    void composeGatewayMountsTheSameTemplate() {
        Map<String, Object> service = composeService("gateway");
        List<String> volumes = YamlTree.strings(service, "volumes");
        Optional<String> template = volumes.stream()
                .filter(volume -> volume.split(":")[1].equals(COMPOSE_TEMPLATE_TARGET))
                .findFirst();
        assertThat(template).as("%s: a gateway volume mounted at %s", COMPOSE, COMPOSE_TEMPLATE_TARGET).isPresent();
        Path source = repoRoot.resolve(template.get().split(":")[0]).normalize();
        assertThat(source).as("%s: the gateway's template", COMPOSE).isEqualTo(repoRoot.resolve(TEMPLATE));
    }

    /** Each upstream variable of the template names the compose service built from that module, at its port. */
    @Test
    void composeGatewayUpstreamsAreTheServicesPorts() {
        Map<String, Object> gatewayEnv = YamlTree.map(composeService("gateway"), "environment");
        gateway.upstreamVariables().forEach((owner, variable) -> {
            String upstream = YamlTree.string(gatewayEnv, variable);
            int colon = upstream.lastIndexOf(':');
            assertThat(colon).as("%s: %s=%s is host:port", COMPOSE, variable, upstream).isPositive();
            Map<String, Object> target = composeService(upstream.substring(0, colon));
            assertThat(YamlTree.string(YamlTree.map(target, "build"), "context"))
                    .as("%s: %s points at the service built from %s", COMPOSE, variable, owner.module())
                    .isEqualTo("./" + owner.module());
            assertThat(YamlTree.string(YamlTree.map(target, "environment"), "QUARKUS_HTTP_PORT"))
                    .as("%s: %s's port", COMPOSE, variable)
                    .isEqualTo(upstream.substring(colon + 1));
        });
        assertThat(gateway.upstreamVariables()).as("one upstream per service in %s", TEMPLATE)
                .containsOnlyKeys(VigilService.values());
    }

    private static Map<String, Object> composeService(String name) {
        return YamlTree.map(YamlTree.map(YamlTree.load(repoRoot.resolve(COMPOSE)), "services"), name);
    }
}
