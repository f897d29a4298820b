package dev.vigil.model.firing;

/** Whether a firing starts a problem (Triggered) or ends one (Resolved). */
public enum FiringState {
    Triggered,
    Resolved
}
