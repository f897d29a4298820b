package dev.vigil.model.json;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the one timestamp shape nearly every client sends, {@code 2024-05-01T12:30:45.123456+00:00}
 * (a {@code T} or a space, 0–9 fraction digits, {@code Z}, {@code ±HH:MM} or no offset), by hand.
 * {@code DateTimeFormatter} parsing cost more CPU than the rest of reading an event; anything else,
 * odd or invalid, answers null and is left to it. Used where timestamps are read in bulk: ingest's events and
 * the actuator's action messages.
 */
public final class Rfc3339 {

    private static final int DATE_TIME_LENGTH = 19;
    private static final int OFFSET_LENGTH = 6;
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final int SECONDS_PER_HOUR = 3600;
    private static final int SECONDS_PER_MINUTE = 60;

    private Rfc3339() {
    }

    /** The timestamp, naive ones in UTC; null when the text is not exactly this shape or not a valid instant. */
    public static OffsetDateTime parseOrNull(String s) {
        int n = s.length();
        if (n < DATE_TIME_LENGTH || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || (s.charAt(10) != 'T' && s.charAt(10) != 't' && s.charAt(10) != ' ')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int i = DATE_TIME_LENGTH;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < MAX_FRACTION_DIGITS && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = count; k < MAX_FRACTION_DIGITS; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n) {
            offset = ZoneOffset.UTC;
        } else if ((s.charAt(i) == 'Z' || s.charAt(i) == 'z') && i + 1 == n) {
            offset = ZoneOffset.UTC;
        } else if ((s.charAt(i) == '+' || s.charAt(i) == '-') && n - i == OFFSET_LENGTH && s.charAt(i + 3) == ':') {
            int hours = digits(s, i + 1, 2);
            int minutes = digits(s, i + 4, 2);
            if (hours < 0 || minutes < 0) {
                return null;
            }
            int total = hours * SECONDS_PER_HOUR + minutes * SECONDS_PER_MINUTE;
            try {
                offset = ZoneOffset.ofTotalSeconds(s.charAt(i) == '-' ? -total : total);
            } catch (DateTimeException outOfRange) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    /** The non-negative number in {@code s[from, from+count)}, or -1 when it is not all digits. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
