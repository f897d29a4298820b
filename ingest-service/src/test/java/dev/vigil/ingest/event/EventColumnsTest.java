package dev.vigil.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.event.Event;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.model.json.VigilJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventColumnsTest {

    private final ObjectMapper json = VigilJson.mapper();
    private final JsonFactory factory = json.getFactory();

    @Test
    void aRecordWrittenByThePublishersSerializerGivesEveryColumnAndItsObjectsAsWritten() throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Resource.ID, "prefect.flow-run.1");
        labels.put("name", "déjà vu ✓ 🚀");
        Map<String, Object> payload = Map.of("nested", Map.of("list", List.of(1, "two", Map.of())), "text", "ü\"\\}");
        ReceivedEvent event = new Event(OffsetDateTime.of(2026, 5, 1, 12, 30, 45, 123_456_000, ZoneOffset.ofHours(2)),
                "prefect.flow-run.Completed", new Resource(labels),
                List.of(new RelatedResource(Map.of(Resource.ID, "prefect.flow.9", Resource.ROLE, "flow"))),
                payload, UUID.randomUUID(), UUID.randomUUID())
                .receive(OffsetDateTime.of(2026, 5, 1, 10, 31, 0, 0, ZoneOffset.UTC));

        EventColumns columns = EventColumns.read(factory, json.writeValueAsBytes(event));

        assertThat(columns.id()).isEqualTo(event.id());
        assertThat(columns.occurred()).isEqualTo(event.occurred());
        assertThat(columns.event()).isEqualTo(event.event());
        assertThat(columns.resourceId()).isEqualTo("prefect.flow-run.1");
        assertThat(json.readTree(columns.resource())).isEqualTo(json.valueToTree(event.resource()));
        assertThat(json.readTree(columns.related())).isEqualTo(json.valueToTree(event.related()));
        assertThat(json.readTree(columns.payload())).isEqualTo(json.valueToTree(event.payload()));
        assertThat(columns.follows()).isEqualTo(event.follows());
        assertThat(columns.received()).isEqualTo(event.received());
    }

    @Test
    void nullListsAndObjectsAreStoredEmptyAndUnknownFieldsAreSkipped() throws IOException {
        UUID id = UUID.randomUUID();
        String record = """
                {"extra": {"deep": [1, {"x": null}]}, "occurred": "2026-01-01T00:00:00Z", "event": "e",
                 "resource": {"a": "b", "prefect.resource.id": "r.1", "c": "d"}, "related": null, "payload": null,
                 "id": "%s", "follows": null, "received": "2026-01-01T00:00:01Z"}""".formatted(id);

        EventColumns columns = EventColumns.read(factory, record.getBytes(StandardCharsets.UTF_8));

        assertThat(columns.id()).isEqualTo(id);
        assertThat(columns.resourceId()).isEqualTo("r.1");
        assertThat(columns.resource()).isEqualTo("{\"a\": \"b\", \"prefect.resource.id\": \"r.1\", \"c\": \"d\"}");
        assertThat(columns.related()).isEqualTo("[]");
        assertThat(columns.payload()).isEqualTo("{}");
        assertThat(columns.follows()).isNull();
    }

    @Test
    void aRecordWithoutARequiredFieldOrNotJsonIsUnreadable() {
        String noResourceId = """
                {"occurred": "2026-01-01T00:00:00Z", "event": "e", "resource": {"a": "b"},
                 "id": "%s", "received": "2026-01-01T00:00:01Z"}""".formatted(UUID.randomUUID());
        assertThatThrownBy(() -> EventColumns.read(factory, noResourceId.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("prefect.resource.id");
        assertThatThrownBy(() -> EventColumns.read(factory, "{\"id\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EventColumns.read(factory, "[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
