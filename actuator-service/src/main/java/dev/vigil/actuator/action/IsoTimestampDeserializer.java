package dev.vigil.actuator.action;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads an {@link OffsetDateTime} written as Vigil writes them ({@code 2026-11-22T07:49:26.123456Z},
 * or with an offset {@code +02:00}) by hand, and anything else as Jackson's own deserializer does. An
 * action message holds a dozen timestamps, and parsing them with a {@code DateTimeFormatter} was the
 * largest single cost of reading one. Same values as Jackson's (the offset kept, not adjusted).
 */
final class IsoTimestampDeserializer extends StdDeserializer<OffsetDateTime> {

    private static final int MIN_LENGTH = "2000-01-01T00:00:00Z".length();
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final int OFFSET_LENGTH = "+00:00".length();

    IsoTimestampDeserializer() {
        super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            OffsetDateTime parsed = parse(parser.getText());
            if (parsed != null) {
                return parsed;
            }
        }
        return InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
    }

    /** Null when {@code text} is not in the plain form, so that Jackson's deserializer decides. */
    static OffsetDateTime parse(String text) {
        int length = text.length();
        if (length < MIN_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (at < length && text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < MAX_FRACTION_DIGITS && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                nanos = nanos * 10 + (text.charAt(at) - '0');
                at++;
            }
            int count = at - start;
            if (count == 0) {
                return null;
            }
            for (int i = count; i < MAX_FRACTION_DIGITS; i++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset = offset(text, at);
        if (offset == null) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    private static ZoneOffset offset(String text, int at) {
        int length = text.length();
        if (at == length - 1 && text.charAt(at) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (at != length - OFFSET_LENGTH || text.charAt(at + 3) != ':') {
            return null;
        }
        char sign = text.charAt(at);
        int hours = digits(text, at + 1, 2);
        int minutes = digits(text, at + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0) {
            return null;
        }
        try {
            return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The number written by {@code count} ASCII digits at {@code from}; -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
