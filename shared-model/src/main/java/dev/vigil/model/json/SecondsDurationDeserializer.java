package dev.vigil.model.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Reads a duration the way Prefect accepts one: a number of seconds (int or float) or an
 * ISO-8601 duration string such as {@code PT1M30S}. Durations longer than {@link #MAX} either way
 * are refused: no window needs more, and longer ones overflow the nanosecond arithmetic downstream.
 */
public class SecondsDurationDeserializer extends JsonDeserializer<Duration> {

    /** Ten years (3,653 days), in either direction. */
    public static final Duration MAX = Duration.ofDays(3653);
    static final String TOO_LONG = "duration must be at most 10 years (" + MAX.toSeconds() + " seconds)";

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(MAX.toSeconds());

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
                return parseIso(text, parser);
            }
        }
        return (Duration) context.handleUnexpectedToken(Duration.class, parser);
    }

    /** For a duration that may be left out (its default applies) but not given as {@code null}, as in Prefect. */
    public static final class Required extends SecondsDurationDeserializer {

        @Override
        public Duration getNullValue(DeserializationContext context) throws JsonMappingException {
            throw context.instantiationException(Duration.class, "should be a valid timedelta, not null");
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }

    private static Duration parseIso(String text, JsonParser parser) throws IOException {
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            if (e instanceof ArithmeticException || e.getCause() instanceof ArithmeticException) {
                throw InvalidFormatException.from(parser, TOO_LONG, text, Duration.class);
            }
            throw InvalidFormatException.from(parser,
                    "should be a valid timedelta (seconds or ISO-8601 duration)", text, Duration.class);
        }
        if (duration.abs().compareTo(MAX) > 0) {
            throw InvalidFormatException.from(parser, TOO_LONG, text, Duration.class);
        }
        return duration;
    }

    private static Duration ofSeconds(BigDecimal seconds, JsonParser parser) throws IOException {
        if (seconds.abs().compareTo(MAX_SECONDS) > 0) {
            throw InvalidFormatException.from(parser, TOO_LONG, seconds, Duration.class);
        }
        try {
            return Duration.ofNanos(seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.DOWN).longValueExact());
        } catch (ArithmeticException tooLarge) {
            throw InvalidFormatException.from(parser, TOO_LONG, seconds, Duration.class);
        }
    }
}
