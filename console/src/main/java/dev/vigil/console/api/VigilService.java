package dev.vigil.console.api;

/** The service an API path belongs to (the gateway's routing, done here server-side). */
public enum VigilService {
    INGEST,
    EVALUATOR,
    ACTUATOR
}
