package dev.vigil.support.metrics;

import java.util.List;
import java.util.Map;

/**
 * Every domain metric the services register, by its Micrometer name, and the name Prometheus scrapes at
 * {@code /q/metrics}: dots become underscores, counters gain {@code _total}, timers {@code _seconds}
 * (with {@code _bucket}, {@code _count}, {@code _sum}). The Grafana dashboard and the alert rules in
 * {@code ops/} may name only these (a test parses them).
 */
public final class MetricNames {

    /** Ingest: events accepted (acknowledged by the broker). */
    public static final String EVENTS_ACCEPTED = "vigil.events.accepted";
    /** Ingest: events refused, tag {@value #REASON}. */
    public static final String EVENTS_REFUSED = "vigil.events.refused";
    /** Evaluator: events evaluated live. */
    public static final String EVENTS_EVALUATED = "vigil.events.evaluated";
    /** Evaluator: firings handed to the actuator, tag {@value #STATE} (triggered, resolved). */
    public static final String FIRINGS = "vigil.firings";
    /** Evaluator: firings whose effects were withheld, tag {@value #REASON} (loop, storm). */
    public static final String FIRINGS_WITHHELD = "vigil.firings.withheld";
    /** Evaluator: automations the storm brake paused. */
    public static final String STORM_BRAKE_ENGAGED = "vigil.storm.brake.engaged";
    /** Evaluator: live buckets in Redis (a periodic, bounded count). */
    public static final String BUCKETS_LIVE = "vigil.buckets.live";
    /** Evaluator: armed timers in Redis (a periodic count). */
    public static final String TIMERS_ARMED = "vigil.timers.armed";
    /** Evaluator: committed firings in the outbox not yet published (a periodic count). */
    public static final String OUTBOX_SIZE = "vigil.outbox.size";
    /** Evaluator: firings the outbox sweep published again (their first publication did not complete). */
    public static final String OUTBOX_REPUBLISHED = "vigil.outbox.republished";
    /** Actuator: actions over, tags {@value #TYPE} and {@value #OUTCOME} (succeeded, failed). */
    public static final String ACTIONS = "vigil.actions";
    /** Actuator: from the firing to the action's outcome, a histogram. */
    public static final String DELIVERY_LATENCY = "vigil.delivery.latency";
    /** Every consumer: records sent to a dead-letter topic, tag {@value #CHANNEL}. */
    public static final String DEAD_LETTERS = "vigil.dead.letters";
    /** Every consumer: records behind the end of the assigned partitions, tags {@value #GROUP}, {@value #CHANNEL}. */
    public static final String CONSUMER_LAG = "vigil.consumer.lag";

    public static final String REASON = "reason";
    public static final String STATE = "state";
    public static final String TYPE = "type";
    public static final String OUTCOME = "outcome";
    public static final String CHANNEL = "channel";
    public static final String GROUP = "group";

    /** The Prometheus names of each metric, as {@code /q/metrics} exports them. */
    public static final Map<String, List<String>> PROMETHEUS = Map.ofEntries(
            counter(EVENTS_ACCEPTED), counter(EVENTS_REFUSED), counter(EVENTS_EVALUATED), counter(FIRINGS),
            counter(FIRINGS_WITHHELD), counter(STORM_BRAKE_ENGAGED), gauge(BUCKETS_LIVE), gauge(TIMERS_ARMED),
            gauge(OUTBOX_SIZE), counter(OUTBOX_REPUBLISHED), counter(ACTIONS), histogram(DELIVERY_LATENCY), counter(DEAD_LETTERS),
            gauge(CONSUMER_LAG));

    private MetricNames() {
    }

    /** The Prometheus base name of a Micrometer name. */
    public static String prometheus(String name) {
        return name.replace('.', '_');
    }

    private static Map.Entry<String, List<String>> counter(String name) {
        return Map.entry(name, List.of(prometheus(name) + "_total"));
    }

    private static Map.Entry<String, List<String>> gauge(String name) {
        return Map.entry(name, List.of(prometheus(name)));
    }

    private static Map.Entry<String, List<String>> histogram(String name) {
        String base = prometheus(name) + "_seconds";
        return Map.entry(name, List.of(base + "_bucket", base + "_count", base + "_sum", base + "_max"));
    }
}
