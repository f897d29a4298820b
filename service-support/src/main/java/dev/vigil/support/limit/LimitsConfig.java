package dev.vigil.support.limit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Quotas and rate limits per workspace, under {@code vigil.limits}. Rates are per replica of the service that
 * enforces them (a token bucket in memory); a limit of 0 turns it off.
 */
@ConfigMapping(prefix = "vigil.limits")
public interface LimitsConfig {

    /** Requests a second to {@code /api/...} of one service, per workspace (event ingestion excepted). */
    @WithDefault("500")
    double apiRequestsPerSecond();

    @WithDefault("1000")
    double apiRequestsBurst();

    /** Events a second posted to {@code POST /api/events} and {@code /api/events/in} together, per workspace. */
    @WithDefault("20000")
    double eventsPerSecond();

    @WithDefault("40000")
    double eventsBurst();

    /** Calls a second of one webhook's {@code /hooks/{slug}}. */
    @WithDefault("50")
    double webhookCallsPerSecond();

    @WithDefault("100")
    double webhookCallsBurst();

    /** Automations in one workspace. */
    @WithDefault("1000")
    int automationsPerWorkspace();

    /** Actions of one automation: {@code actions}, {@code actions_on_trigger} and {@code actions_on_resolve} together. */
    @WithDefault("50")
    int actionsPerAutomation();

    /** Live {@code for_each} buckets of one automation; an event that would open one more is not evaluated. */
    @WithDefault("10000")
    int bucketsPerAutomation();
}
