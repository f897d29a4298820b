package dev.vigil.ingest.history;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import io.vertx.mutiny.sqlclient.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Reads stored event rows back into events. */
final class EventRows {

    static final String COLUMNS = "e.id, e.occurred, e.event, e.resource::text AS resource, "
            + "e.related::text AS related, e.payload::text AS payload, e.follows, e.received";

    private static final TypeReference<List<RelatedResource>> RELATED = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private EventRows() {
    }

    static ReceivedEvent read(Row row, ObjectMapper json) {
        try {
            return new ReceivedEvent(row.getOffsetDateTime("occurred"), row.getString("event"),
                    json.readValue(row.getString("resource"), Resource.class),
                    json.readValue(row.getString("related"), RELATED),
                    json.readValue(row.getString("payload"), PAYLOAD),
                    row.getUUID("id"), row.getUUID("follows"), row.getOffsetDateTime("received"));
        } catch (IOException e) {
            throw new UncheckedIOException("stored event is not valid JSON", e);
        }
    }
}
