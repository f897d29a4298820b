package dev.vigil.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.model.event.Resource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17, "Scale out": W1-shaped load (automations with threshold windows over resource groups, a steady event
 * rate through the ingest API, a webhook target) through two evaluators and two actuators in the same consumer
 * groups, one of each killed (kill -9) and started again mid-run. Each resource gets {@value #THRESHOLD} events in
 * one request, so every automation matching it fires once for it whatever the evaluation order: the oracle is the
 * set of (automation, resource) pairs of the accepted events. Every one must reach the receiver, with one
 * {@code Idempotency-Key} each and no key shared by two effects. A call repeating a key already seen is counted
 * and printed, not refused: an actuator killed between a call's answer and its record leaves that action to be
 * run again under the same key (at-least-once delivery, exactly-once effect at a target that honours the key, as
 * docs/actions.md says), so how many repeats a run sees depends on where the kill lands.
 */
// Opt-in (-Dvigil.scaleout=true): in a run beside a loaded bin/up, the second evaluator exited at start ("Unable to
// find an EntityManagerFactory" is Hibernate shut down under work still running, so a symptom of the failed start, not
// its cause). Since then a replica waits for its database (AuthSchema, the catalog's first load) instead of failing, and
// is not ready before its automations are loaded; it stays opt-in until runs under load show it passes reliably, and it
// costs four more JVM starts than the other system tests.
@EnabledIfSystemProperty(named = "vigil.scaleout", matches = "true")
@ExtendWith(VigilSystem.class)
class ScaleOutIT {

    private static final String RECEIVER_PATH = "/scale-out";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String EVENT = "scale.job.failed";
    /** Resources {@code scale.g<k>.<n>}, k = n mod GROUPS; one automation per group, as W1's {@code res.gNN.*}. */
    private static final int GROUPS = 10;
    /** Automations that match none of the events (other names): the trigger index is not just the matching ones. */
    private static final int IDLE_AUTOMATIONS = 30;
    private static final int THRESHOLD = 3;
    private static final int WITHIN_SECONDS = 10;
    /** 2 resources x 3 events every 100 ms: 60 events/s, 60 actions/s (3 automations match each resource). */
    private static final int RESOURCES_PER_REQUEST = 2;
    private static final Duration PERIOD = Duration.ofMillis(100);
    private static final Duration LOAD_BEFORE_RESTARTS = Duration.ofSeconds(8);
    private static final Duration LOAD_AFTER_RESTARTS = Duration.ofSeconds(5);
    /**
     * No progress for this long fails the wait (a killed consumer's session, 10 s, a claim's expiry, 20 s, and a
     * retry's backoff all fit in it); {@code CATCH_UP_CAP} bounds the whole wait.
     */
    private static final Duration STALL = Duration.ofSeconds(90);
    private static final Duration CATCH_UP_CAP = Duration.ofMinutes(5);
    private static final String PAYLOAD = "{\"automation\": \"{{ automation.name }}\", "
            + "\"resource\": \"{{ event.resource.id }}\"}";

    private final ObjectMapper json = new ObjectMapper();
    @RegisterExtension
    final WebhookReceiver receiver = new WebhookReceiver(RECEIVER_PATH);

    @Test
    void twoEvaluatorsAndTwoActuatorsActOnceOnEveryFiringThroughARestartOfEach() throws Exception {
        ApiPrefix prefix = ApiPrefix.freshWorkspace();
        String gateway = VigilSystem.gatewayUrl();
        VigilApi api = new VigilApi(gateway, prefix);
        String blockId = api.createWebhookBlock("scale-out", receiver.url());
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Matcher> matchers = createAutomations(api, blockId, run);

        ServiceProcess evaluator = null;
        ServiceProcess actuator = null;
        SteadyLoad load = null;
        try {
            // Started after the automations exist: each loads them all at startup.
            evaluator = VigilSystem.addReplica(VigilService.EVALUATOR);
            actuator = VigilSystem.addReplica(VigilService.ACTUATOR);
            load = new SteadyLoad(gateway, prefix, EVENT, ScaleOutIT::resource, RESOURCES_PER_REQUEST, THRESHOLD,
                    PERIOD);
            sleep(LOAD_BEFORE_RESTARTS);
            evaluator.kill();
            evaluator = VigilSystem.restartReplica(evaluator);
            actuator.kill();
            actuator = VigilSystem.restartReplica(actuator);
            sleep(LOAD_AFTER_RESTARTS);
            load.close();

            Set<String> accepted = load.accepted();
            Set<String> uncertain = load.uncertain();
            assertThat(accepted).as("resources accepted under load (first failed request: " + load.firstFailure()
                    + ")").isNotEmpty();
            Set<Effect> expected = effectsOf(accepted, matchers);
            Set<Effect> possible = new HashSet<>(expected);
            possible.addAll(effectsOf(uncertain, matchers));

            new ProgressWait("every expected action delivered (logs: " + VigilSystem.logDir() + ")", STALL,
                    CATCH_UP_CAP).until(() -> received().delivered(expected), expected.size());
            Calls calls = received();
            System.out.printf("ScaleOutIT: %d resources accepted (%d uncertain), %d actions expected, %d delivered,"
                            + " %d calls, %d repeated a key; evaluator replica evaluated %d events and actuator"
                            + " replica ran %d actions since their restarts%n",
                    accepted.size(), uncertain.size(), expected.size(), calls.keysByEffect.size(), calls.total,
                    calls.repeats, counter(evaluator, "vigil_events_evaluated_total"),
                    counter(actuator, "vigil_actions_total"));

            Set<Effect> unexpected = new HashSet<>(calls.keysByEffect.keySet());
            unexpected.removeAll(possible);
            assertThat(unexpected).as("effects no accepted event calls for").isEmpty();
            assertThat(calls.keysByEffect).as("one idempotency key per effect (no doubled effect)")
                    .allSatisfy((effect, keys) -> assertThat(keys).as(effect.toString()).hasSize(1));
            assertThat(calls.effectsByKey).as("no idempotency key shared by two effects")
                    .allSatisfy((key, effects) -> assertThat(effects).as(key).hasSize(1));
        } finally {
            if (load != null) {
                load.close();
            }
            if (evaluator != null) {
                VigilSystem.stopReplica(evaluator);
            }
            if (actuator != null) {
                VigilSystem.stopReplica(actuator);
            }
        }
    }

    /**
     * W1's shape, scaled down: one automation per resource group (exact name), two over every group (one by a name
     * prefix, one by any name), and idle ones; every one counts {@value #THRESHOLD} events within
     * {@value #WITHIN_SECONDS} s per resource. Answers which of them match which resources.
     */
    private static List<Matcher> createAutomations(VigilApi api, String blockId, String run) {
        List<Matcher> matchers = new ArrayList<>();
        for (int group = 0; group < GROUPS; group++) {
            String name = "scale-" + run + "-group-" + group;
            api.createAutomation(automation(name, EVENT, "scale.g" + group + ".*", blockId));
            matchers.add(new Matcher(name, "scale.g" + group + "."));
        }
        String byPrefix = "scale-" + run + "-all-jobs";
        api.createAutomation(automation(byPrefix, "scale.job.*", "scale.*", blockId));
        matchers.add(new Matcher(byPrefix, "scale."));
        String anyName = "scale-" + run + "-all-events";
        api.createAutomation(automation(anyName, "*", "scale.*", blockId));
        matchers.add(new Matcher(anyName, "scale."));
        for (int i = 0; i < IDLE_AUTOMATIONS; i++) {
            api.createAutomation(automation("scale-" + run + "-idle-" + i, "scale.job." + i + ".succeeded",
                    "scale.g" + (i % GROUPS) + ".*", blockId));
        }
        return matchers;
    }

    private static Map<String, Object> automation(String name, String expect, String resourceMatch, String blockId) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", "event");
        trigger.put("expect", List.of(expect));
        trigger.put("match", Map.of(Resource.ID, resourceMatch));
        trigger.put("for_each", List.of(Resource.ID));
        trigger.put("posture", "Reactive");
        trigger.put("threshold", THRESHOLD);
        trigger.put("within", WITHIN_SECONDS);
        return Map.of(
                "name", name,
                "trigger", trigger,
                "actions", List.of(Map.of("type", "call-webhook", "block_document_id", blockId, "payload", PAYLOAD)));
    }

    private static String resource(int n) {
        return "scale.g" + (n % GROUPS) + "." + n;
    }

    private static Set<Effect> effectsOf(Set<String> resources, List<Matcher> matchers) {
        Set<Effect> effects = new HashSet<>();
        for (String resource : resources) {
            for (Matcher matcher : matchers) {
                if (resource.startsWith(matcher.resourcePrefix())) {
                    effects.add(new Effect(matcher.automation(), resource));
                }
            }
        }
        return effects;
    }

    /** The successful (2xx) calls the receiver got so far. */
    private Calls received() throws IOException {
        Calls calls = new Calls();
        for (ServeEvent served : receiver.getAllServeEvents()) {
            LoggedRequest call = served.getRequest();
            if (!RECEIVER_PATH.equals(call.getUrl()) || served.getResponse().getStatus() / 100 != 2) {
                continue;
            }
            JsonNode body = json.readTree(call.getBodyAsString());
            calls.add(new Effect(body.path("automation").asText(), body.path("resource").asText()),
                    call.getHeader(IDEMPOTENCY_KEY));
        }
        return calls;
    }

    /** The sum of a Prometheus counter's series on one process (since it started). */
    private static long counter(ServiceProcess process, String name) {
        String metrics = given().baseUri(process.baseUrl()).get("/q/metrics").then().statusCode(200).extract()
                .asString();
        return (long) metrics.lines().filter(line -> line.startsWith(name))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /** An automation and the resource-id prefix its {@code match} stands for. */
    private record Matcher(String automation, String resourcePrefix) {
    }

    /** One action call the oracle expects: an automation's firing for one resource. */
    private record Effect(String automation, String resource) {
    }

    /** The calls by effect and by key; a repeat is a call with a key already seen (a retry of a lost answer). */
    private static final class Calls {
        final Map<Effect, Set<String>> keysByEffect = new HashMap<>();
        final Map<String, Set<Effect>> effectsByKey = new HashMap<>();
        long total;
        long repeats;

        void add(Effect effect, String key) {
            total++;
            if (effectsByKey.containsKey(key)) {
                repeats++;
            }
            keysByEffect.computeIfAbsent(effect, ignored -> new HashSet<>()).add(key);
            effectsByKey.computeIfAbsent(key, ignored -> new HashSet<>()).add(effect);
        }

        long delivered(Set<Effect> expected) {
            return keysByEffect.keySet().stream().filter(expected::contains).count();
        }
    }
}
