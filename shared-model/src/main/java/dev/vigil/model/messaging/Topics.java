package dev.vigil.model.messaging;

/** Kafka topics and headers shared by the services. */
public final class Topics {

    /** Every accepted event, as {@code ReceivedEvent} JSON, keyed by {@code prefect.resource.id}. */
    public static final String EVENTS = "events";

    /** One {@code ActionMessage} per action to run, keyed by automation id. */
    public static final String ACTIONS = "actions";

    /** Kafka header carrying the workspace an event belongs to. */
    public static final String WORKSPACE_HEADER = "vigil-workspace";

    private Topics() {
    }
}
