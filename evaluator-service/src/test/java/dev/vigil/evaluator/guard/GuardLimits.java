package dev.vigil.evaluator.guard;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.UUID;

/** Tiny limits for the storm brake and quota tests (one profile, so one restart of the application for both). */
public class GuardLimits implements QuarkusTestProfile {

    static final int FIRINGS_PER_MINUTE = 3;
    static final int AUTOMATIONS = 3;
    static final int ACTIONS = 2;
    static final int BUCKETS = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vigil.evaluator.max-firings-per-minute", Integer.toString(FIRINGS_PER_MINUTE),
                "vigil.limits.automations-per-workspace", Integer.toString(AUTOMATIONS),
                "vigil.limits.actions-per-automation", Integer.toString(ACTIONS),
                "vigil.limits.buckets-per-automation", Integer.toString(BUCKETS));
    }

    static String path(UUID workspace, String rest) {
        return "/api/accounts/" + UUID.randomUUID() + "/workspaces/" + workspace + rest;
    }
}
