package dev.vigil.actuator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the actuator, under {@code vigil.actuator}. */
@ConfigMapping(prefix = "vigil.actuator")
public interface ActuatorConfig {

    /** Timeout of every outgoing webhook call (connect and response). */
    @WithDefault("10s")
    Duration webhookTimeout();

    /** How long an action that started but never finished stays claimed (a crashed replica's work). */
    @WithDefault("5M")
    Duration claimTtl();

    /** How long a finished action is remembered, so a redelivered message has no second effect. */
    @WithDefault("24H")
    Duration doneTtl();

    /** Longest excerpt of a response body kept in the executed/failed event. */
    @WithDefault("1000")
    int responseExcerptChars();
}
