package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The production rules of k8s/README.md, for the base and every overlay as rendered. */
class ProductionRulesTest {

    static final List<String> SERVICES = List.of("ingest", "evaluator", "actuator", "console");
    /** The services with OpenTelemetry tracing (the console has none). */
    static final List<String> TRACED = List.of("ingest", "evaluator", "actuator");
    static final String MONITORING = "monitoring";
    static final String COLLECTOR = "opentelemetry-collector";
    static final int OTLP_HTTP = 4318;

    static Stream<Rendered> overlays() {
        return Stream.of("base", "overlays/dev", "overlays/production", "overlays/keda").map(Rendered::of);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceIsThere(Rendered r) {
        assertThat(r.services()).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesRunAsNonRootOnAReadOnlyRootWithNoCapabilities(Rendered r) {
        for (Deployment d : r.services()) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String name = r + " " + d.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            for (Container c : pod.getContainers()) {
                SecurityContext sc = c.getSecurityContext();
                assertThat(sc).as(name + " securityContext").isNotNull();
                assertThat(sc.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getCapabilities().getDrop()).as(name + " capabilities.drop").contains("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(name + " capabilities.add").isNullOrEmpty();
                // Quarkus and the JVM need a writable /tmp: an emptyDir
                String tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                        .findFirst().orElseThrow(() -> new AssertionError(name + ": no /tmp mount")).getName();
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp)).findFirst().orElseThrow();
                assertThat(volume.getEmptyDir()).as(name + " /tmp is an emptyDir").isNotNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesHaveRequestsWithinLimits(Rendered r) {
        for (Deployment d : r.services()) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String name = r + " " + d.getMetadata().getName();
                Map<String, Quantity> requests = c.getResources().getRequests();
                Map<String, Quantity> limits = c.getResources().getLimits();
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(requests).as(name + " requests").containsKey(resource);
                    assertThat(limits).as(name + " limits").containsKey(resource);
                    assertThat(requests.get(resource).getNumericalAmount())
                            .as(name + " " + resource + " request <= limit")
                            .isLessThanOrEqualTo(limits.get(resource).getNumericalAmount());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shutdownFinishesWithinTheGracePeriod(Rendered r) {
        for (Deployment d : r.services()) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String name = r + " " + d.getMetadata().getName();
            Container c = pod.getContainers().get(0);
            long preStop = c.getLifecycle().getPreStop().getSleep().getSeconds();
            String timeout = setting(r, c, "QUARKUS_SHUTDOWN_TIMEOUT");
            assertThat(timeout).as(name + " QUARKUS_SHUTDOWN_TIMEOUT").isNotNull();
            Duration shutdown = Duration.parse("PT" + timeout.toUpperCase());
            if (d.getMetadata().getName().equals("actuator")) {
                // then the actions in flight get their own time (ShutdownDrain), after the HTTP requests
                String drain = setting(r, c, "VIGIL_ACTUATOR_SHUTDOWN_DRAIN");
                assertThat(drain).as(name + " VIGIL_ACTUATOR_SHUTDOWN_DRAIN").isNotNull();
                shutdown = shutdown.plus(Duration.parse("PT" + drain.toUpperCase()));
            }
            assertThat(c.getEnvFrom()).as(name + " reads vigil-config")
                    .anySatisfy(f -> assertThat(f.getConfigMapRef().getName()).isEqualTo("vigil-config"));
            assertThat(preStop + shutdown.toSeconds())
                    .as(name + ": preStop + shutdown timeout (+ the actuator's drain) inside terminationGracePeriodSeconds")
                    .isLessThan(pod.getTerminationGracePeriodSeconds());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasADisruptionBudget(Rendered r) {
        for (Deployment d : r.services()) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(r.all(PodDisruptionBudget.class))
                    .as(r + " " + d.getMetadata().getName() + " PodDisruptionBudget")
                    .filteredOn(p -> Selectors.selects(p.getSpec().getSelector(), labels))
                    .singleElement()
                    .satisfies(p -> assertThat(p.getSpec().getMaxUnavailable() != null || p.getSpec().getMinAvailable() != null).isTrue());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceScalesOnCpuThroughExactlyOneAutoscaler(Rendered r) {
        for (Deployment d : r.services()) {
            String name = d.getMetadata().getName();
            List<HorizontalPodAutoscaler> hpas = r.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && h.getSpec().getScaleTargetRef().getName().equals(name))
                    .toList();
            List<GenericKubernetesResource> scaled = r.custom("ScaledObject").stream()
                    .filter(s -> name.equals(spec(s, "scaleTargetRef", "name"))).toList();
            assertThat(hpas.size() + scaled.size()).as(r + " " + name + ": one HPA or ScaledObject").isEqualTo(1);
            for (HorizontalPodAutoscaler h : hpas) {
                assertThat(h.getSpec().getMinReplicas()).as(r + " " + name + " minReplicas (PDB)").isGreaterThanOrEqualTo(2);
                assertThat(h.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(h.getSpec().getMinReplicas());
                assertThat(h.getSpec().getMetrics()).as(r + " " + name + " cpu metric")
                        .anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
            }
        }
        for (HorizontalPodAutoscaler h : r.all(HorizontalPodAutoscaler.class)) {
            assertThat(r.deployment(h.getSpec().getScaleTargetRef().getName())).as(r + " HPA target").isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceIsIsolatedByANetworkPolicy(Rendered r) {
        for (Deployment d : r.services()) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<NetworkPolicy> policies = r.all(NetworkPolicy.class).stream()
                    .filter(p -> Selectors.selects(p.getSpec().getPodSelector(), labels)).toList();
            assertThat(policies).as(r + " " + d.getMetadata().getName() + " NetworkPolicies")
                    .anySatisfy(p -> assertThat(p.getSpec().getPolicyTypes()).contains("Ingress", "Egress"));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheActuatorReachesTheOutside(Rendered r) {
        Map<String, String> actuator = r.deployment("actuator").orElseThrow().getSpec().getTemplate().getMetadata().getLabels();
        boolean actuatorOut = false;
        for (NetworkPolicy p : r.all(NetworkPolicy.class)) {
            for (NetworkPolicyEgressRule rule : Objects.requireNonNullElse(p.getSpec().getEgress(), List.<NetworkPolicyEgressRule>of())) {
                boolean anywhere = rule.getTo() == null || rule.getTo().isEmpty() || rule.getTo().stream()
                        .map(NetworkPolicyPeer::getIpBlock).filter(Objects::nonNull).map(IPBlock::getCidr)
                        .anyMatch(c -> c.equals("0.0.0.0/0") || c.equals("::/0"));
                if (!anywhere) {
                    continue;
                }
                for (Deployment d : r.services()) {
                    if (!d.getMetadata().getName().equals("actuator")) {
                        assertThat(Selectors.selects(p.getSpec().getPodSelector(), d.getSpec().getTemplate().getMetadata().getLabels()))
                                .as(r + " NetworkPolicy " + p.getMetadata().getName() + " lets " + d.getMetadata().getName() + " out")
                                .isFalse();
                    }
                }
                actuatorOut |= Selectors.selects(p.getSpec().getPodSelector(), actuator);
            }
        }
        assertThat(actuatorOut).as(r + ": the actuator reaches the outside").isTrue();
    }

    /**
     * The services that trace (ingest, evaluator, actuator) read the tracing settings from vigil-config, tracing off
     * by default (an empty endpoint), and may reach the OpenTelemetry collector: port 4318 of the pods labelled
     * {@value #COLLECTOR} in the namespace {@value #MONITORING} (k8s/README.md), and only those.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void theServicesThatTraceReachTheCollectorAndTracingIsOffByDefault(Rendered r) {
        Map<String, String> config = r.config("vigil-config");
        assertThat(config).as(r + " vigil-config VIGIL_OTLP_ENDPOINT").containsEntry("VIGIL_OTLP_ENDPOINT", "");
        assertThat(Double.parseDouble(config.get("VIGIL_TRACE_SAMPLER_RATIO"))).as(r + " VIGIL_TRACE_SAMPLER_RATIO")
                .isBetween(0.0, 1.0);
        for (String service : TRACED) {
            Deployment d = r.deployment(service).orElseThrow();
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom())
                    .as(r + " " + service + " reads vigil-config")
                    .anySatisfy(f -> assertThat(f.getConfigMapRef().getName()).isEqualTo("vigil-config"));
            List<NetworkPolicyEgressRule> toCollector = r.all(NetworkPolicy.class).stream()
                    .filter(p -> Selectors.selects(p.getSpec().getPodSelector(), labels))
                    .flatMap(p -> Objects.requireNonNullElse(p.getSpec().getEgress(),
                            List.<NetworkPolicyEgressRule>of()).stream())
                    .filter(ProductionRulesTest::toTheCollector).toList();
            assertThat(toCollector).as(r + " " + service + " egress to the collector").singleElement()
                    .satisfies(rule -> assertThat(rule.getPorts()).singleElement().satisfies(port -> {
                        assertThat(port.getPort().getIntVal()).isEqualTo(OTLP_HTTP);
                        assertThat(port.getProtocol()).isEqualTo("TCP");
                    }));
        }
    }

    /** A rule whose every peer is the collector's pods in the monitoring namespace, nothing broader. */
    private static boolean toTheCollector(NetworkPolicyEgressRule rule) {
        List<NetworkPolicyPeer> peers = Objects.requireNonNullElse(rule.getTo(), List.of());
        return !peers.isEmpty() && peers.stream().allMatch(peer -> peer.getIpBlock() == null
                && peer.getNamespaceSelector() != null && peer.getPodSelector() != null
                && Map.of("kubernetes.io/metadata.name", MONITORING).equals(peer.getNamespaceSelector().getMatchLabels())
                && Map.of("app.kubernetes.io/name", COLLECTOR).equals(peer.getPodSelector().getMatchLabels()));
    }

    /** The way out to the internet never opens the cluster's own, private, link-local or loopback addresses. */
    @ParameterizedTest
    @MethodSource("overlays")
    void theWayOutLeavesInternalAddressesClosed(Rendered r) {
        Map<String, List<String>> closed = Map.of(
                "0.0.0.0/0", List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
                        "100.64.0.0/10", "127.0.0.0/8"),
                "::/0", List.of("fc00::/7", "fe80::/10", "::1/128"));
        int anywhere = 0;
        for (NetworkPolicy p : r.all(NetworkPolicy.class)) {
            for (NetworkPolicyEgressRule rule : Objects.requireNonNullElse(p.getSpec().getEgress(), List.<NetworkPolicyEgressRule>of())) {
                for (NetworkPolicyPeer peer : Objects.requireNonNullElse(rule.getTo(), List.<NetworkPolicyPeer>of())) {
                    IPBlock block = peer.getIpBlock();
                    if (block != null && closed.containsKey(block.getCidr())) {
                        anywhere++;
                        assertThat(block.getExcept()).as(r + " NetworkPolicy " + p.getMetadata().getName() + " to "
                                + block.getCidr()).containsAll(closed.get(block.getCidr()));
                    }
                }
            }
        }
        assertThat(anywhere).as(r + ": egress rules to the internet").isPositive();
    }

    /** A variable of the container, else of the ConfigMap vigil-config. */
    private static String setting(Rendered r, Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseGet(() -> r.config("vigil-config").get(name));
    }

    static Object spec(GenericKubernetesResource r, String... path) {
        Object node = r.getAdditionalProperties().get("spec");
        for (String key : path) {
            node = node instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return node;
    }
}
