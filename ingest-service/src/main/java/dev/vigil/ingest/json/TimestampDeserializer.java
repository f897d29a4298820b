package dev.vigil.ingest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import dev.vigil.model.json.Rfc3339;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Reads timestamps the way Prefect's clients send them: ISO 8601 with an offset or {@code Z},
 * with {@code T} or a space between date and time, or naive (then UTC, as Prefect does), a bare
 * date (midnight UTC), or Unix seconds (milliseconds when the number is too large for seconds).
 */
public final class TimestampDeserializer extends StdScalarDeserializer<OffsetDateTime> {

    private static final int DATE_ONLY_LENGTH = 10;
    private static final int SEPARATOR_INDEX = 10;
    /** Pydantic's rule: a number above this is milliseconds rather than seconds. */
    private static final double MAX_SECONDS = 2e10;
    private static final double MILLIS_PER_SECOND = 1000.0;
    private static final double NANOS_PER_SECOND = 1e9;

    public TimestampDeserializer() {
        super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return fromEpoch(parser.getDoubleValue());
        }
        if (token != JsonToken.VALUE_STRING) {
            return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
        }
        String text = parser.getText().trim();
        try {
            return parse(text);
        } catch (DateTimeParseException e) {
            return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, text,
                    "Input should be a valid datetime (ISO 8601)");
        }
    }

    public static OffsetDateTime parse(String text) {
        OffsetDateTime common = Rfc3339.parseOrNull(text);
        if (common != null) {
            return common;
        }
        if (text.length() == DATE_ONLY_LENGTH) {
            return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        String iso = text.length() > SEPARATOR_INDEX && text.charAt(SEPARATOR_INDEX) == ' '
                ? text.substring(0, SEPARATOR_INDEX) + 'T' + text.substring(SEPARATOR_INDEX + 1)
                : text;
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(iso);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(parsed);
        }
        return LocalDateTime.from(parsed).atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime fromEpoch(double value) {
        double seconds = Math.abs(value) > MAX_SECONDS ? value / MILLIS_PER_SECOND : value;
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * NANOS_PER_SECOND);
        return Instant.ofEpochSecond(whole, nanos).atOffset(ZoneOffset.UTC);
    }
}
