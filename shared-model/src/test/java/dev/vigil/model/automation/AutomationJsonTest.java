package dev.vigil.model.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.action.CallWebhook;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.trigger.EventTrigger;
import dev.vigil.model.trigger.Posture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AutomationJsonTest {

    private final ObjectMapper json = VigilJson.mapper();

    private static final String PINGED = """
            {"name": "pinged twice",
             "trigger": {"type": "event", "expect": ["external.resource.pinged"],
                         "match": {"prefect.resource.id": "my.resource.*"},
                         "posture": "Reactive", "threshold": 2, "within": 60},
             "actions": [{"type": "call-webhook",
                          "block_document_id": "2f6e7a4c-97a8-4f0e-9c1e-8f0c6f1d2a3b",
                          "payload": "{\\"id\\": \\"{{ event.resource.id }}\\"}"}]}
            """;

    @Test
    void parsesPrefectAutomationJson() throws Exception {
        Automation automation = json.readValue(PINGED, Automation.class);
        EventTrigger trigger = (EventTrigger) automation.trigger();
        assertThat(trigger.posture()).isEqualTo(Posture.Reactive);
        assertThat(trigger.threshold()).isEqualTo(2);
        assertThat(trigger.within()).isEqualTo(Duration.ofSeconds(60));
        assertThat(trigger.expect()).containsExactly("external.resource.pinged");
        assertThat(automation.enabled()).isTrue();
        assertThat(automation.actions()).singleElement().isInstanceOf(CallWebhook.class);
    }

    @Test
    void writesSnakeCaseTypeTagsAndFloatSeconds() throws Exception {
        JsonNode written = json.valueToTree(json.readValue(PINGED, Automation.class));
        assertThat(written.path("trigger").path("type").asText()).isEqualTo("event");
        assertThat(written.path("trigger").path("within").isDouble()).isTrue();
        assertThat(written.path("trigger").path("within").asDouble()).isEqualTo(60.0);
        assertThat(written.path("trigger").has("for_each")).isTrue();
        assertThat(written.path("trigger").has("match_related")).isTrue();
        assertThat(written.path("actions").get(0).path("type").asText()).isEqualTo("call-webhook");
        assertThat(written.path("actions").get(0).path("block_document_id").asText())
                .isEqualTo("2f6e7a4c-97a8-4f0e-9c1e-8f0c6f1d2a3b");
        assertThat(written.has("actions_on_trigger")).isTrue();
    }

    @Test
    void roundTripsWithoutLoss() throws Exception {
        Automation first = json.readValue(PINGED, Automation.class);
        Automation second = json.readValue(json.writeValueAsString(first), Automation.class);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void acceptsIsoDurationsAndFloats() throws Exception {
        EventTrigger iso = (EventTrigger) json.readValue("{\"posture\":\"Reactive\",\"within\":\"PT1M30S\"}",
                dev.vigil.model.trigger.Trigger.class);
        EventTrigger fractional = (EventTrigger) json.readValue("{\"posture\":\"Reactive\",\"within\":1.5}",
                dev.vigil.model.trigger.Trigger.class);
        assertThat(iso.within()).isEqualTo(Duration.ofSeconds(90));
        assertThat(fractional.within()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void rejectsUnknownActionType() {
        assertThatThrownBy(() -> json.readValue("{\"type\":\"launch-rocket\"}", dev.vigil.model.action.Action.class))
                .hasMessageContaining("launch-rocket");
    }

    @Test
    void jsonObjectPayloadBecomesJsonDumpsIndent2Text() throws Exception {
        CallWebhook action = (CallWebhook) json.readValue(
                "{\"type\":\"call-webhook\",\"block_document_id\":\"2f6e7a4c-97a8-4f0e-9c1e-8f0c6f1d2a3b\","
                        + "\"payload\":{\"a\":1}}", dev.vigil.model.action.Action.class);
        assertThat(action.payload()).isEqualTo("{\n  \"a\": 1\n}");
    }
}
