package dev.vigil.support.kafka;

import dev.vigil.model.messaging.Topics;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Builds and reads Kafka records the way every Vigil topic carries them: a key, and the workspace in a header. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    public static <T> Message<T> keyed(T payload, String key, UUID workspace) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(workspaceHeaders(workspace)).build());
    }

    /** The headers of a record of {@code workspace}. */
    public static RecordHeaders workspaceHeaders(UUID workspace) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.WORKSPACE_HEADER, workspace.toString().getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The workspace of an incoming record; records without the header belong to the default workspace. */
    public static UUID workspaceOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(meta -> meta.getHeaders().lastHeader(Topics.WORKSPACE_HEADER))
                .map(Header::value)
                .map(bytes -> UUID.fromString(new String(bytes, StandardCharsets.UTF_8)))
                .orElse(dev.vigil.model.messaging.Workspaces.DEFAULT);
    }
}
