package dev.vigil.evaluator.support;

import dev.vigil.model.messaging.Topics;
import java.util.Map;
import java.util.UUID;

/** The record header naming the workspace, as every Vigil topic carries it. */
public final class WorkspaceHeader {

    private WorkspaceHeader() {
    }

    public static Map<String, String> of(UUID workspace) {
        return Map.of(Topics.WORKSPACE_HEADER, workspace.toString());
    }
}
