package dev.vigil.model.trigger;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import java.util.UUID;

/** What makes an automation fire. Tagged by {@code type}; a trigger without one is an event trigger, as in Prefect. */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "type",
        defaultImpl = EventTrigger.class)
@JsonTypeIdResolver(TriggerTypes.class)
public sealed interface Trigger permits EventTrigger, CompositeTrigger, MetricTrigger {

    UUID id();

    /** The same trigger with fresh ids for itself and every child (Prefect regenerates them on create and PUT). */
    Trigger withFreshIds();

    /** The same trigger with every id set to the nil UUID: for comparing definitions. */
    Trigger withoutIds();

    UUID NIL_ID = new UUID(0L, 0L);
}
