package dev.vigil.console.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline is an SVG with one bar per non-empty bucket, one marker per firing, and an accessible title. */
class TimelineChartTest {

    private static final Instant FROM = Instant.parse("2026-12-07T03:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-07T04:00:00Z");

    @Test
    void drawsBarsForCountsAndMarkersForFirings() {
        List<CountBucket> counts = List.of(
                new CountBucket(FROM, FROM.plusSeconds(60), 3),
                new CountBucket(FROM.plusSeconds(60), FROM.plusSeconds(120), 0),
                new CountBucket(FROM.plusSeconds(1800), FROM.plusSeconds(1860), 6));
        String svg = TimelineChart.render("c", FROM, TO, counts, List.of(FROM.plusSeconds(1830)), true).toString();
        assertThat(svg).startsWith("<svg").endsWith("</svg>")
                .contains("<title id=\"c-title\">9 events and 1 firings from 12-07 03:00:00 to 12-07 04:00:00 UTC")
                .doesNotContain("style=");
        assertThat(svg.split("<rect x=\"[0-9]+\" y=\"[0-9]+\" width=\"[0-9]+\" height=\"[0-9]+\" fill=\"#2563eb\"><title>",
                -1)).hasSize(3);
        assertThat(svg.split("class=\"firing\"", -1)).hasSize(2);
    }

    @Test
    void anEmptyRangeStillDrawsItsAxis() {
        String svg = TimelineChart.render("e", FROM, TO, List.of(), List.of(), false).toString();
        assertThat(svg).contains("0 events from").doesNotContain("firings (").contains("<line");
    }
}
