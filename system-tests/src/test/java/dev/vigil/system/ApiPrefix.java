package dev.vigil.system;

import java.util.UUID;

/**
 * The start of every API path: {@code /api} for the default workspace, or Prefect Cloud's
 * {@code /api/accounts/{account}/workspaces/{workspace}}, which the services scope everything by.
 */
record ApiPrefix(String value) {

    private static final String API = "/api";

    static ApiPrefix defaultWorkspace() {
        return new ApiPrefix(API);
    }

    /** A workspace of its own: nothing another test (or an earlier run) created is visible in it. */
    static ApiPrefix freshWorkspace() {
        return workspace(UUID.randomUUID(), UUID.randomUUID());
    }

    static ApiPrefix workspace(UUID account, UUID workspace) {
        return new ApiPrefix(API + "/accounts/" + account + "/workspaces/" + workspace);
    }

    /** {@code path("/events")} is {@code /api/events} or {@code /api/accounts/.../workspaces/.../events}. */
    String path(String rest) {
        return value + rest;
    }
}
