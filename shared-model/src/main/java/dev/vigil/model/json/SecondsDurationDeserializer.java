package dev.vigil.model.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Reads a duration the way Prefect accepts one: a number of seconds (int or float) or an
 * ISO-8601 duration string such as {@code PT1M30S}.
 */
public final class SecondsDurationDeserializer extends JsonDeserializer<Duration> {

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return ofSeconds(parser.getDecimalValue(), parser);
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText().trim();
            try {
                return ofSeconds(new BigDecimal(text), parser);
            } catch (NumberFormatException notANumber) {
                try {
                    return Duration.parse(text);
                } catch (DateTimeParseException e) {
                    throw InvalidFormatException.from(parser,
                            "should be a valid timedelta (seconds or ISO-8601 duration)", text, Duration.class);
                }
            }
        }
        return (Duration) context.handleUnexpectedToken(Duration.class, parser);
    }

    private static Duration ofSeconds(BigDecimal seconds, JsonParser parser) throws IOException {
        try {
            return Duration.ofNanos(seconds.multiply(NANOS_PER_SECOND).longValueExact());
        } catch (ArithmeticException tooLarge) {
            throw InvalidFormatException.from(parser, "duration is out of range", seconds, Duration.class);
        }
    }
}
