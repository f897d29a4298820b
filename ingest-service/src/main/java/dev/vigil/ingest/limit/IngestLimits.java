package dev.vigil.ingest.limit;

import dev.vigil.support.limit.LimitsConfig;
import dev.vigil.support.limit.RateLimited;
import dev.vigil.support.limit.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Ingest's own rates: events per workspace over REST and the websocket together, and calls per webhook slug.
 * Each answers null when allowed, else the refusal (429 with {@code Retry-After} naming the limit).
 */
@ApplicationScoped
public class IngestLimits {

    private final RateLimiter events;
    private final RateLimiter webhookCalls;

    public IngestLimits(LimitsConfig config) {
        this.events = new RateLimiter("vigil.limits.events-per-second", config.eventsPerSecond(),
                config.eventsBurst());
        this.webhookCalls = new RateLimiter("vigil.limits.webhook-calls-per-second", config.webhookCallsPerSecond(),
                config.webhookCallsBurst());
    }

    public RateLimited events(UUID workspaceId, int count) {
        return count == 0 ? null : events.tryAcquire(workspaceId.toString(), count);
    }

    public RateLimited webhookCall(String slug) {
        return webhookCalls.tryAcquire(slug, 1);
    }
}
