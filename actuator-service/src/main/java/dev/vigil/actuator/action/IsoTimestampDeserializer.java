package dev.vigil.actuator.action;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import dev.vigil.model.json.Rfc3339;
import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * Reads an {@link OffsetDateTime} in the plain RFC 3339 form Vigil writes ({@code 2026-11-22T07:49:26.123456Z},
 * or with an offset {@code +02:00}) by hand ({@link Rfc3339}, as ingest reads events), and anything else as
 * Jackson's own deserializer does. An action message holds a dozen timestamps, and parsing them with a
 * {@code DateTimeFormatter} was the largest single cost of reading one. Same values as Jackson's for the forms
 * both read (the offset kept, not adjusted).
 */
final class IsoTimestampDeserializer extends StdDeserializer<OffsetDateTime> {

    IsoTimestampDeserializer() {
        super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            OffsetDateTime parsed = Rfc3339.parseOrNull(parser.getText());
            if (parsed != null) {
                return parsed;
            }
        }
        return InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
    }
}
