package dev.vigil.support.auth;

/** What a request needs; a {@link Role} grants a set of these. */
public enum Permission {
    /** GET, and the POSTs that only read (filter, count, explain, backtest, template validation). */
    READ,
    /** Creating, changing and deleting automations, blocks, webhooks, incidents; redeliveries. */
    WRITE,
    /** Posting events (REST and the {@code /api/events/in} websocket). */
    EMIT_EVENTS,
    /** Creating, listing and revoking API keys. */
    MANAGE_KEYS
}
