package dev.vigil.support.kafka;

import dev.vigil.model.messaging.Topics;
import dev.vigil.support.trace.Traces;
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
        return keyed(payload, key, workspace, null);
    }

    /** A record of {@code workspace} that carries {@code traceparent} on (when not null). */
    public static <T> Message<T> keyed(T payload, String key, UUID workspace, String traceparent) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers(workspace, traceparent)).build());
    }

    /** The headers of a record of {@code workspace} that carries {@code traceparent} on (when not null). */
    public static RecordHeaders headers(UUID workspace, String traceparent) {
        RecordHeaders headers = workspaceHeaders(workspace);
        Traces.addTo(headers, traceparent);
        return headers;
    }

    /** The {@code traceparent} an incoming record carries; null when none. */
    public static String traceparentOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(meta -> Traces.of(meta.getHeaders()))
                .orElse(null);
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
