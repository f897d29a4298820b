package dev.vigil.console.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One bar per attempt, one row per generation, coloured by outcome; nothing from the API is echoed raw. */
class AttemptsChartTest {

    private static final Instant START = Instant.parse("2026-12-07T04:00:00Z");

    @Test
    void drawsEachAttemptInItsGenerationsRow() {
        String svg = AttemptsChart.render("a", List.of(
                new AttemptsChart.Bar(1, 0, START, 120, "retrying", "503"),
                new AttemptsChart.Bar(2, 0, START.plusSeconds(2), 5000, "failed", "-"),
                new AttemptsChart.Bar(3, 1, START.plusSeconds(60), 80, "succeeded", "200"))).toString();
        assertThat(svg).startsWith("<svg").endsWith("</svg>").doesNotContain("style=")
                .contains("<title id=\"a-title\">3 attempts in 2 generations from 12-07 04:00:00.000")
                .contains(">generation 0<").contains(">generation 1<")
                .contains("attempt 1: retrying, status 503, 120 ms")
                .contains("attempt 2: failed, status none, 5000 ms")
                .contains("fill=\"#16a34a\"><title>attempt 3: succeeded");
        assertThat(svg.split("class=\"attempt\"", -1)).hasSize(4);
    }

    @Test
    void anUnknownOutcomeOrStatusIsNotEchoed() {
        String svg = AttemptsChart.render("b", List.of(
                new AttemptsChart.Bar(1, 0, START, 1, "<script>", "<b>"))).toString();
        assertThat(svg).doesNotContain("<script>").doesNotContain("<b>").contains("attempt 1: failed, status none");
    }

    @Test
    void noAttemptsNoChart() {
        assertThat(AttemptsChart.render("c", List.of()).toString()).isEmpty();
    }
}
