package dev.vigil.console.apikey;

/** An API key of the workspace, without its secret (the API never returns it after creation). */
public record ApiKeyRow(String id, String name, String role, String created, String expires) {
}
