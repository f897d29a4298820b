package dev.vigil.console.chart;

import io.quarkus.qute.RawString;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A timeline as server-rendered SVG: event counts as bars over time and, for a backtest, the firings as
 * markers on the same axis. Only numbers and formatted times go into the markup (no user text); colours
 * are presentation attributes, since the Content-Security-Policy allows no inline styles.
 */
public final class TimelineChart {

    static final int WIDTH = 800;
    static final int HEIGHT = 190;
    private static final int LEFT = 44;
    private static final int RIGHT = 16;
    private static final int AXIS_Y = 140;
    private static final int BAR_TOP = 56;
    private static final int FIRING_Y = 40;
    private static final int FIRING_RADIUS = 6;
    private static final int LABEL_Y = 160;
    private static final int LEGEND_Y = 16;
    private static final int TICKS = 4;
    private static final String EVENT_COLOUR = "#2563eb";
    private static final String FIRING_COLOUR = "#dc2626";
    private static final String AXIS_COLOUR = "#374151";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TimelineChart() {
    }

    /** {@code firings} may be empty (the events page): then no firing legend is drawn. */
    public static RawString render(String id, Instant from, Instant to, List<CountBucket> counts,
                                   List<Instant> firings, boolean showFirings) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        long total = counts.stream().mapToLong(CountBucket::count).sum();
        long max = Math.max(1, counts.stream().mapToLong(CountBucket::count).max().orElse(0));
        StringBuilder svg = new StringBuilder(1024 + 160 * (counts.size() + firings.size()));
        svg.append("<svg class=\"chart\" id=\"").append(id).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\"")
                .append(" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"").append(id).append("-title\">").append(total).append(" events");
        if (showFirings) {
            svg.append(" and ").append(firings.size()).append(" firings");
        }
        svg.append(" from ").append(TIME.format(from)).append(" to ").append(TIME.format(to)).append(" UTC</title>");
        axis(svg, from, span, max);
        svg.append("<g class=\"bars\">");
        for (CountBucket bucket : counts) {
            if (bucket.count() == 0) {
                continue;
            }
            int x1 = x(from, span, bucket.start());
            int x2 = Math.max(x1 + 2, x(from, span, bucket.end()) - 1);
            int height = (int) Math.max(2, (AXIS_Y - BAR_TOP) * bucket.count() / max);
            svg.append("<rect x=\"").append(x1).append("\" y=\"").append(AXIS_Y - height).append("\" width=\"")
                    .append(x2 - x1).append("\" height=\"").append(height).append("\" fill=\"").append(EVENT_COLOUR)
                    .append("\"><title>").append(bucket.count()).append(" events from ")
                    .append(TIME.format(bucket.start())).append("</title></rect>");
        }
        svg.append("</g><g class=\"firings\">");
        for (Instant firing : firings) {
            int x = x(from, span, firing);
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(FIRING_Y).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(AXIS_Y).append("\" stroke=\"").append(FIRING_COLOUR)
                    .append("\" stroke-dasharray=\"3 3\"/>")
                    .append("<circle class=\"firing\" cx=\"").append(x).append("\" cy=\"").append(FIRING_Y)
                    .append("\" r=\"").append(FIRING_RADIUS).append("\" fill=\"").append(FIRING_COLOUR)
                    .append("\"><title>fired at ").append(TIME.format(firing)).append("</title></circle>");
        }
        svg.append("</g>");
        legend(svg, total, firings.size(), showFirings);
        svg.append("</svg>");
        return new RawString(svg.toString());
    }

    private static void axis(StringBuilder svg, Instant from, long span, long max) {
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(AXIS_Y).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(AXIS_Y).append("\" stroke=\"").append(AXIS_COLOUR)
                .append("\"/>")
                .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(BAR_TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(AXIS_Y).append("\" stroke=\"").append(AXIS_COLOUR).append("\"/>")
                .append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(BAR_TOP + 4)
                .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"").append(AXIS_COLOUR).append("\">")
                .append(max).append("</text>")
                .append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(AXIS_Y)
                .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"").append(AXIS_COLOUR).append("\">0</text>");
        for (int i = 0; i <= TICKS; i++) {
            Instant at = from.plusMillis(span * i / TICKS);
            int x = x(from, span, at);
            String anchor = i == 0 ? "start" : i == TICKS ? "end" : "middle";
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(AXIS_Y).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(AXIS_Y + 5).append("\" stroke=\"").append(AXIS_COLOUR).append("\"/>")
                    .append("<text x=\"").append(x).append("\" y=\"").append(LABEL_Y)
                    .append("\" font-size=\"11\" fill=\"").append(AXIS_COLOUR).append("\" text-anchor=\"")
                    .append(anchor).append("\">").append(TIME.format(at)).append("</text>");
        }
    }

    private static void legend(StringBuilder svg, long events, int firings, boolean showFirings) {
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(LEGEND_Y - 9)
                .append("\" width=\"10\" height=\"10\" fill=\"").append(EVENT_COLOUR).append("\"/>")
                .append("<text x=\"").append(LEFT + 15).append("\" y=\"").append(LEGEND_Y)
                .append("\" font-size=\"12\" fill=\"#111827\">events (").append(events).append(")</text>");
        if (showFirings) {
            svg.append("<circle cx=\"").append(LEFT + 145).append("\" cy=\"").append(LEGEND_Y - 4)
                    .append("\" r=\"5\" fill=\"").append(FIRING_COLOUR).append("\"/>")
                    .append("<text x=\"").append(LEFT + 155).append("\" y=\"").append(LEGEND_Y)
                    .append("\" font-size=\"12\" fill=\"#111827\">firings (").append(firings).append(")</text>");
        }
    }

    private static int x(Instant from, long span, Instant at) {
        long offset = Math.max(0, Math.min(span, Duration.between(from, at).toMillis()));
        return LEFT + (int) ((WIDTH - LEFT - RIGHT) * offset / span);
    }
}
