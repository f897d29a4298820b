package dev.vigil.evaluator.bucket;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.event.ReceivedEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A bucket as stored in Redis: a JSON object with {@code start}, {@code end}, {@code count},
 * {@code triggered}, the key's {@code for_each} {@code values} (the Redis key holds only their digest)
 * and, only for the buckets that keep one, {@code last_event}. Written by hand and read field by field
 * with Jackson's streaming parser, since a bucket is written or read for every event that touches it and a
 * tree or data-binding round trip was most of the evaluator's time. Instants are seconds since the
 * epoch with nine decimals ({@code 1767225600.123456789}), which Jackson also reads as an
 * {@link Instant}, and which cost a fraction of ISO-8601's formatting and parsing. Reads what older
 * versions wrote: the same fields with ISO-8601 instants, {@code last_event} on every bucket, and
 * {@code values} possibly missing.
 */
public final class BucketCodec {

    static final String START = "start";
    static final String END = "end";
    static final String COUNT = "count";
    static final String TRIGGERED = "triggered";
    static final String LAST_EVENT = "last_event";
    private static final int NANO_DIGITS = 9;
    private static final int DECIMAL = 10;
    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();
    /** Room for a bucket without its last event. */
    private static final int INITIAL_CAPACITY = 160;

    /** A stored bucket and its key's values (null when written before values were stored with it). */
    public record Decoded(Bucket bucket, List<String> values) {
    }

    private final ObjectMapper json;
    private final JsonFactory factory;

    public BucketCodec(ObjectMapper json) {
        this.json = json;
        this.factory = json.getFactory();
    }

    public String write(Bucket bucket, List<String> values) {
        StringBuilder out = new StringBuilder(INITIAL_CAPACITY).append('{');
        instant(out, START, bucket.start());
        instant(out, END, bucket.end());
        field(out, COUNT).append(bucket.count());
        instant(out, TRIGGERED, bucket.triggered());
        field(out, RedisKeys.BUCKET_VALUES_FIELD).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"');
            STRINGS.quoteAsString(values.get(i), out);
            out.append('"');
        }
        out.append(']');
        if (bucket.lastEvent() != null) {
            try {
                field(out, LAST_EVENT).append(json.writeValueAsString(bucket.lastEvent()));
            } catch (IOException e) {
                throw new IllegalStateException("unwritable bucket", e);
            }
        }
        return out.append('}').toString();
    }

    /** Appends {@code "name":}, after a comma unless it is the object's first field. */
    private static StringBuilder field(StringBuilder out, String name) {
        if (out.length() > 1) {
            out.append(',');
        }
        return out.append('"').append(name).append("\":");
    }

    public Decoded read(String text) {
        Instant start = null;
        Instant end = null;
        Instant triggered = null;
        int count = 0;
        ReceivedEvent lastEvent = null;
        List<String> values = null;
        try (JsonParser parser = factory.createParser(text)) {
            parser.setCodec(json);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("unreadable bucket: not an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (token == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case START -> start = instant(parser);
                    case END -> end = instant(parser);
                    case TRIGGERED -> triggered = instant(parser);
                    case COUNT -> count = parser.getIntValue();
                    case LAST_EVENT -> lastEvent = parser.readValueAs(ReceivedEvent.class);
                    case RedisKeys.BUCKET_VALUES_FIELD -> values = strings(parser);
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable bucket", e);
        }
        return new Decoded(new Bucket(start, end, count, lastEvent, triggered), values);
    }

    private static List<String> strings(JsonParser parser) throws IOException {
        List<String> values = new ArrayList<>(2);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            values.add(parser.getText());
        }
        return List.copyOf(values);
    }

    /** Seconds since the epoch with nine decimals; nothing for null. */
    private static void instant(StringBuilder out, String name, Instant value) {
        if (value == null) {
            return;
        }
        field(out, name).append(value.getEpochSecond()).append('.');
        String nanos = Integer.toString(value.getNano());
        for (int pad = nanos.length(); pad < NANO_DIGITS; pad++) {
            out.append('0');
        }
        out.append(nanos);
    }

    /** An instant as written now (decimal seconds), or by earlier versions (ISO-8601). */
    private static Instant instant(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return Instant.parse(parser.getText());
        }
        String text = parser.getText();
        int point = text.indexOf('.');
        if (point < 0) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        if (text.charAt(0) == '-' || text.length() - point - 1 != NANO_DIGITS) {
            BigDecimal exact = new BigDecimal(text);
            long seconds = exact.setScale(0, RoundingMode.FLOOR).longValueExact();
            return Instant.ofEpochSecond(seconds, exact.subtract(BigDecimal.valueOf(seconds)).movePointRight(NANO_DIGITS)
                    .longValueExact());
        }
        return Instant.ofEpochSecond(Long.parseLong(text, 0, point, DECIMAL),
                Long.parseLong(text, point + 1, text.length(), DECIMAL));
    }
}
