package dev.vigil.model.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** Sends a templated subject and body through a notification block. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"type", "block_document_id", "subject", "body"})
public record SendNotification(UUID blockDocumentId, String subject, String body) implements Action {

    public static final String TYPE = "send-notification";
    public static final String DEFAULT_SUBJECT = "Prefect automated notification";

    public SendNotification {
        subject = subject == null ? DEFAULT_SUBJECT : subject;
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
