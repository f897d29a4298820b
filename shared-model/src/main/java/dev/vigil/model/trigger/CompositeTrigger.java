package dev.vigil.model.trigger;

import java.time.Duration;
import java.util.List;

/** A trigger made of child triggers. */
public sealed interface CompositeTrigger extends Trigger permits CompoundTrigger, SequenceTrigger {

    List<Trigger> triggers();

    /** How close together the child firings must be; null means no limit. */
    Duration within();
}
