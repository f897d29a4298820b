package dev.vigil.model.action;

import java.util.UUID;

/** An action on one object that is either selected by id or inferred from the triggering event. */
public interface TargetedAction {

    TargetSource source();

    /** The selected object's id; null when inferred. */
    UUID targetId();

    /** The name of the id field on the wire, e.g. {@code deployment_id}. */
    String targetField();
}
