package dev.vigil.actuator.evaluator;

import java.util.UUID;

/**
 * URLs of Vigil's evaluator (the automations API). A workspace is named in Prefect Cloud's path
 * prefix, the only place the evaluator takes it from ({@code X-Vigil-Workspace} is trusted only from
 * its own path filter).
 */
public final class EvaluatorPaths {

    /** Vigil has one account; workspaces are what scope data. */
    public static final UUID ACCOUNT = new UUID(0L, 0L);

    private EvaluatorPaths() {
    }

    /** {@code <evaluator>/api/accounts/<account>/workspaces/<workspace>}, to which API paths are appended. */
    public static String workspaceApi(String evaluatorUrl, UUID workspaceId) {
        String base = evaluatorUrl.endsWith("/") ? evaluatorUrl.substring(0, evaluatorUrl.length() - 1) : evaluatorUrl;
        return base + "/api/accounts/" + ACCOUNT + "/workspaces/" + workspaceId;
    }
}
