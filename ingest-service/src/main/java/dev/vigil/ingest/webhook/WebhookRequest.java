package dev.vigil.ingest.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Create/replace body of {@code /api/webhooks}. {@code signature.secret} is write-only. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookRequest(String name, String description, Boolean enabled, String template,
        Signature signature) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Signature(SignatureScheme scheme, String secret, String header) {
    }
}
