package dev.vigil.evaluator.guard;

import dev.vigil.evaluator.automation.AutomationService;
import dev.vigil.evaluator.metrics.EvaluatorMetrics;
import dev.vigil.evaluator.support.SafeContexts;
import io.quarkus.logging.Log;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Pauses an automation that fired more than its limit in a minute: {@code enabled: false} with a
 * {@code paused_reason}, through the automations API's own path (so every replica drops it from its index
 * and a {@code prefect.automation.updated} event goes out). Runs apart from the firing's publishing, on a
 * context Hibernate Reactive accepts.
 */
@ApplicationScoped
public class StormBrake {

    private final AutomationService automations;
    private final Vertx vertx;
    private final EvaluatorMetrics metrics;

    public StormBrake(AutomationService automations, Vertx vertx, EvaluatorMetrics metrics) {
        this.metrics = metrics;
        this.automations = automations;
        this.vertx = vertx;
    }

    public void pause(UUID workspaceId, UUID automationId, int maxPerMinute) {
        String reason = "Paused by Vigil's storm brake at "
                + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                + ": it fired more than " + maxPerMinute + " times in a minute"
                + " (vigil.evaluator.max-firings-per-minute). Enable it again once the cause is fixed.";
        Log.warnf("Automation %s of workspace %s fired more than %d times in a minute: pausing it",
                automationId, workspaceId, maxPerMinute);
        metrics.brakeEngaged();
        SafeContexts.run(vertx, () -> automations.pause(workspaceId, automationId, reason).subscribe().with(
                paused -> { },
                failure -> Log.errorf("Could not pause automation %s: %s", automationId, failure.getMessage())));
    }
}
