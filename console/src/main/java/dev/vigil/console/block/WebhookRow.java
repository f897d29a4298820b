package dev.vigil.console.block;

/** An incoming webhook: its name, public URL (the slug is its credential) and whether it is on. */
public record WebhookRow(String id, String name, String description, String url, boolean enabled) {
}
