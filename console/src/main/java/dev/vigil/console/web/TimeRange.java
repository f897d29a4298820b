package dev.vigil.console.web;

import java.time.Duration;
import java.util.List;

/**
 * The time ranges the console's filters offer ("last hour" … "last 30 days"), by the short name a URL
 * carries; an unknown name is no range (or the page's default).
 */
public enum TimeRange {
    HOUR("1h", "last hour", Duration.ofHours(1)),
    SIX_HOURS("6h", "last 6 hours", Duration.ofHours(6)),
    DAY("24h", "last 24 hours", Duration.ofDays(1)),
    WEEK("7d", "last 7 days", Duration.ofDays(7)),
    MONTH("30d", "last 30 days", Duration.ofDays(30));

    public static final List<TimeRange> ALL = List.of(values());

    private final String key;
    private final String label;
    private final Duration length;

    TimeRange(String key, String label, Duration length) {
        this.key = key;
        this.label = label;
        this.length = length;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    /** The range named {@code key}, or {@code fallback} (which may be null: no range) when none is. */
    public static TimeRange of(String key, TimeRange fallback) {
        for (TimeRange range : values()) {
            if (range.key.equals(key)) {
                return range;
            }
        }
        return fallback;
    }
}
