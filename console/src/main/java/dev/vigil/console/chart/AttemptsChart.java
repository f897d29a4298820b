package dev.vigil.console.chart;

import io.quarkus.qute.RawString;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The attempts of one action execution on a timeline, as server-rendered SVG: one row per generation (a
 * redelivery starts a new one), each attempt a bar from its start for its duration, coloured by outcome. Only
 * numbers, times and the outcome words the actuator writes go into the markup; colours are presentation
 * attributes (the Content-Security-Policy allows no inline styles).
 */
public final class AttemptsChart {

    static final int WIDTH = 800;
    private static final int LEFT = 96;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int ROW = 28;
    private static final int BAR = 16;
    private static final int MIN_BAR = 4;
    private static final int AXIS_GAP = 8;
    private static final int LABEL_GAP = 20;
    private static final int BOTTOM = 12;
    private static final int TICKS = 4;
    private static final String AXIS_COLOUR = "#374151";
    private static final String SUCCEEDED_COLOUR = "#16a34a";
    private static final String RETRYING_COLOUR = "#d97706";
    private static final String FAILED_COLOUR = "#dc2626";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One attempt: when it started, how long it took, its outcome ({@code succeeded}, {@code retrying}, {@code failed}). */
    public record Bar(int attempt, int generation, Instant started, long durationMs, String outcome, String status) {
    }

    private AttemptsChart() {
    }

    public static RawString render(String id, List<Bar> attempts) {
        if (attempts.isEmpty()) {
            return new RawString("");
        }
        Instant from = attempts.stream().map(Bar::started).min(Instant::compareTo).orElseThrow();
        Instant to = attempts.stream().map(a -> a.started().plusMillis(Math.max(0, a.durationMs())))
                .max(Instant::compareTo).orElseThrow();
        long span = Math.max(1, Duration.between(from, to).toMillis());
        int firstGeneration = attempts.stream().mapToInt(Bar::generation).min().orElse(0);
        int lastGeneration = attempts.stream().mapToInt(Bar::generation).max().orElse(0);
        int rows = lastGeneration - firstGeneration + 1;
        int axisY = TOP + rows * ROW + AXIS_GAP;
        int height = axisY + LABEL_GAP + BOTTOM;
        StringBuilder svg = new StringBuilder(1024 + 256 * attempts.size());
        svg.append("<svg class=\"chart\" id=\"").append(id).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\"")
                .append(" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"").append(id).append("-title\">").append(attempts.size())
                .append(" attempts in ").append(rows).append(rows == 1 ? " generation" : " generations")
                .append(" from ").append(TIME.format(from)).append(" to ").append(TIME.format(to))
                .append(" UTC</title>");
        legend(svg);
        for (int g = 0; g < rows; g++) {
            int y = TOP + g * ROW;
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y + BAR - 3)
                    .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"").append(AXIS_COLOUR)
                    .append("\">generation ").append(firstGeneration + g).append("</text>");
        }
        svg.append("<g class=\"attempts\">");
        for (Bar bar : attempts) {
            int x1 = x(from, span, bar.started());
            int x2 = Math.max(x1 + MIN_BAR, x(from, span, bar.started().plusMillis(Math.max(0, bar.durationMs()))));
            int y = TOP + (bar.generation() - firstGeneration) * ROW;
            svg.append("<rect class=\"attempt\" x=\"").append(x1).append("\" y=\"").append(y).append("\" width=\"")
                    .append(x2 - x1).append("\" height=\"").append(BAR).append("\" fill=\"")
                    .append(colour(bar.outcome())).append("\"><title>attempt ").append(bar.attempt()).append(": ")
                    .append(word(bar.outcome())).append(", status ").append(digits(bar.status())).append(", ")
                    .append(bar.durationMs()).append(" ms at ").append(TIME.format(bar.started()))
                    .append("</title></rect>");
        }
        svg.append("</g>");
        axis(svg, from, span, axisY);
        svg.append("</svg>");
        return new RawString(svg.toString());
    }

    private static void legend(StringBuilder svg) {
        int x = LEFT;
        for (String outcome : new String[] {"succeeded", "retrying", "failed"}) {
            svg.append("<rect x=\"").append(x).append("\" y=\"6\" width=\"10\" height=\"10\" fill=\"")
                    .append(colour(outcome)).append("\"/><text x=\"").append(x + 15)
                    .append("\" y=\"15\" font-size=\"12\" fill=\"#111827\">").append(outcome).append("</text>");
            x += 110;
        }
    }

    private static void axis(StringBuilder svg, Instant from, long span, int axisY) {
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(axisY).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(axisY).append("\" stroke=\"").append(AXIS_COLOUR)
                .append("\"/>");
        for (int i = 0; i <= TICKS; i++) {
            Instant at = from.plusMillis(span * i / TICKS);
            int x = x(from, span, at);
            String anchor = i == 0 ? "start" : i == TICKS ? "end" : "middle";
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(axisY).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(axisY + 5).append("\" stroke=\"").append(AXIS_COLOUR).append("\"/>")
                    .append("<text x=\"").append(x).append("\" y=\"").append(axisY + LABEL_GAP)
                    .append("\" font-size=\"11\" fill=\"").append(AXIS_COLOUR).append("\" text-anchor=\"")
                    .append(anchor).append("\">").append(TIME.format(at)).append("</text>");
        }
    }

    private static String colour(String outcome) {
        return switch (word(outcome)) {
            case "succeeded" -> SUCCEEDED_COLOUR;
            case "retrying" -> RETRYING_COLOUR;
            default -> FAILED_COLOUR;
        };
    }

    /** The outcome as one of the three words (anything else from the API is shown as "failed", never echoed). */
    private static String word(String outcome) {
        String lower = outcome == null ? "" : outcome.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "succeeded", "retrying" -> lower;
            default -> "failed";
        };
    }

    private static String digits(String status) {
        return status != null && status.matches("\\d{1,3}") ? status : "none";
    }

    private static int x(Instant from, long span, Instant at) {
        long offset = Math.max(0, Math.min(span, Duration.between(from, at).toMillis()));
        return LEFT + (int) ((WIDTH - LEFT - RIGHT) * offset / span);
    }
}
