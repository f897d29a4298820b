package dev.vigil.support.causal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the causal chain's signature over HTTP, under {@code vigil.loop-guard} (actuator and ingest). */
@ConfigMapping(prefix = "vigil.loop-guard")
public interface LoopGuardConfig {

    /**
     * The secret the actuator signs its webhook calls' causal chain with and ingest checks it with; the same
     * value in both ({@code VIGIL_LOOP_GUARD_SECRET}). Unset, calls carry no chain and hooks accept none:
     * a loop through a webhook is then stopped by the storm brake alone.
     */
    Optional<String> secret();

    /** How old a signed chain may be when it arrives: a call's retries are signed when the call is built. */
    @WithDefault("10M")
    Duration signatureMaxAge();
}
