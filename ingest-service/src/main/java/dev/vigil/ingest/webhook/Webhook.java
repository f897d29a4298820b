package dev.vigil.ingest.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored webhook as the API shows it: the signature secret is never part of the JSON. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "name", "description", "enabled", "template", "slug", "url", "signature", "created",
        "updated"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Webhook(UUID id, @JsonIgnore UUID workspaceId, String name, String description, boolean enabled,
        String template, String slug, String url, SignatureView signature, OffsetDateTime created,
        OffsetDateTime updated, @JsonIgnore String secret) {

    /** The signature settings without the secret. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SignatureView(SignatureScheme scheme, String header) {
    }
}
