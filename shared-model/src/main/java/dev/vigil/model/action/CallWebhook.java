package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.PythonJson;
import java.util.UUID;

/**
 * Calls the webhook block {@code block_document_id} with a templated {@code payload}. A JSON object
 * given as the payload is kept as the text Python's {@code json.dumps(payload, indent=2)}
 * gives, as Prefect does ({@link PythonJson}).
 */
@JsonPropertyOrder({"type", "block_document_id", "payload"})
public record CallWebhook(
        @JsonProperty("block_document_id") UUID blockDocumentId,
        @JsonProperty("payload") String payload) implements Action {

    public static final String TYPE = "call-webhook";

    public CallWebhook {
        payload = payload == null ? "" : payload;
    }

    @JsonCreator
    static CallWebhook fromJson(@JsonProperty("block_document_id") UUID blockDocumentId,
                                @JsonProperty("payload") JsonNode payload) {
        return new CallWebhook(blockDocumentId, payloadText(payload));
    }

    private static String payloadText(JsonNode payload) {
        if (payload == null || payload.isNull()) {
            return "";
        }
        if (payload.isTextual()) {
            return payload.textValue();
        }
        return PythonJson.dumps(payload);
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
