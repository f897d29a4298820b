package dev.vigil.ingest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.json.Rfc3339;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written reader of the common timestamp shape agrees with {@code DateTimeFormatter} and defers to it. */
class TimestampParsingTest {

    private static final long SEED = 20261122L;
    private static final int SAMPLES = 2000;

    /** What the formatter alone makes of a timestamp (naive means UTC). */
    private static OffsetDateTime byFormatter(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(iso);
        return parsed.isSupported(ChronoField.OFFSET_SECONDS) ? OffsetDateTime.from(parsed)
                : java.time.LocalDateTime.from(parsed).atOffset(ZoneOffset.UTC);
    }

    @Test
    void readsRandomTimestampsOfEveryCommonShapeAsTheFormatterDoes() {
        Random random = new Random(SEED);
        String[] offsets = {"Z", "z", "", "+00:00", "-05:30", "+14:00", "-12:00", "+01:00"};
        for (int i = 0; i < SAMPLES; i++) {
            int digits = random.nextInt(10);
            StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02d%c%02d:%02d:%02d",
                    1 + random.nextInt(9998), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextBoolean() ? 'T' : ' ', random.nextInt(24), random.nextInt(60), random.nextInt(60)));
            if (digits > 0) {
                text.append('.');
                for (int d = 0; d < digits; d++) {
                    text.append(random.nextInt(10));
                }
            }
            text.append(offsets[random.nextInt(offsets.length)]);
            String value = text.toString();
            assertThat(Rfc3339.parseOrNull(value)).as(value).isEqualTo(byFormatter(value));
            assertThat(TimestampDeserializer.parse(value)).as(value).isEqualTo(byFormatter(value));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T12:30", "2024-05-01T12:30:45+01", "2024-05-01T12:30:45+01:00:30",
            "2024-05-01T12:30:45Z[UTC]", "2024-05-01", "2024-05-01T12:30:45.1234567890Z", "2024-05-01T12:30:45.Z"})
    void leavesOtherShapesToTheFormatter(String text) {
        assertThat(Rfc3339.parseOrNull(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30T12:00:00Z", "2024-13-01T00:00:00Z", "2024-05-01T25:00:00Z",
            "2024-05-01T12:00:00+19:00", "2024-05-01X12:00:00Z", "2024-0a-01T12:00:00Z"})
    void stillRejectsInvalidTimestamps(String text) {
        assertThat(Rfc3339.parseOrNull(text)).isNull();
        assertThatThrownBy(() -> TimestampDeserializer.parse(text)).isInstanceOf(
                java.time.DateTimeException.class);
    }

    @Test
    void keepsTheShapesOnlyTheFormatterReads() {
        assertThat(TimestampDeserializer.parse("2024-05-01T12:30+02:00"))
                .isEqualTo(OffsetDateTime.of(2024, 5, 1, 12, 30, 0, 0, ZoneOffset.ofHours(2)));
        assertThat(TimestampDeserializer.parse("2024-05-01"))
                .isEqualTo(OffsetDateTime.of(2024, 5, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    }
}
