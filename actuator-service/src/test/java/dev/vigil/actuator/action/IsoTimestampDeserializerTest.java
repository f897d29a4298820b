package dev.vigil.actuator.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.vigil.model.json.VigilJson;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The hand-written reading (Rfc3339, tested with ingest) gives exactly Jackson's values, and leaves every other form to Jackson. */
class IsoTimestampDeserializerTest {

    private static final ObjectMapper FAST = VigilJson.mapper().copy()
            .registerModule(new SimpleModule().addDeserializer(OffsetDateTime.class, new IsoTimestampDeserializer()));

    @Test
    void readsWhatJacksonReads() throws Exception {
        for (String text : new String[] {"2026-11-22T07:49:26Z", "2026-11-22T07:49:26.1Z", "2026-11-22T07:49:26.123456Z",
                "2026-11-22T07:49:26.123456789Z", "2026-11-22T07:49:26.5+02:00", "2026-11-22T07:49:26-05:30",
                "2026-11-22T07:49:26+00:00", "2024-02-29T23:59:59.999Z", "2026-11-22T07:49Z",
                "1700000000"}) {
            String json = text.matches("\\d+") ? text : "\"" + text + "\"";
            assertThat(FAST.readValue(json, OffsetDateTime.class)).as(text)
                    .isEqualTo(VigilJson.mapper().readValue(json, OffsetDateTime.class));
        }
    }
}
