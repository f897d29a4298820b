package dev.vigil.actuator.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One in-JVM WireMock for a test class: the orchestrator, the evaluator and every HTTP target
 * (webhooks, Slack, Teams, Discord, PagerDuty, Twilio) are paths on it.
 */
public class Receiver implements QuarkusTestResourceLifecycleManager {

    public static final WireMockServer SERVER = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Override
    public Map<String, String> start() {
        if (!SERVER.isRunning()) {
            SERVER.start();
        }
        return Map.of(
                "vigil.actuator.orchestrator.url", SERVER.baseUrl() + "/api",
                "vigil.actuator.orchestrator.api-key", "pnu_test_key",
                "vigil.actuator.evaluator-url", SERVER.baseUrl() + "/evaluator",
                "vigil.actuator.notifications.pagerduty-url", SERVER.baseUrl() + "/pagerduty/v2/enqueue",
                "vigil.actuator.notifications.twilio-url", SERVER.baseUrl() + "/twilio",
                "vigil.actuator.notifications.discord-url", SERVER.baseUrl() + "/discord/api/webhooks");
    }

    @Override
    public void stop() {
        // Shared by every test class in this JVM; stopped with it.
    }

    public static String url(String path) {
        return SERVER.baseUrl() + path;
    }
}
