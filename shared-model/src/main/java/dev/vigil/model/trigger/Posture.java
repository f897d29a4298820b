package dev.vigil.model.trigger;

/** Whether a trigger fires on events that happen (Reactive), on events that fail to happen (Proactive), or on a metric. */
public enum Posture {
    Reactive,
    Proactive,
    Metric
}
