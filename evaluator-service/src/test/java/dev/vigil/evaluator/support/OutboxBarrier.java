package dev.vigil.evaluator.support;

import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.testsupport.metrics.Scrape;
import io.quarkus.redis.datasource.RedisDataSource;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Tells a firing published by its own path (the live consumer, the timer poll) from one the outbox sweep published
 * one lease later, without timing either. The sweep republishes only what an outbox entry still holds, and counts
 * each firing it republished ({@value #REPUBLISHED}) before it removes the entry. So once no entry mentions a
 * firing (or automation), the sweep can no longer publish it, and anything it did publish is on the topic and
 * counted.
 */
public final class OutboxBarrier {

    public static final String REPUBLISHED = "vigil_outbox_republished_total";

    private OutboxBarrier() {
    }

    /** Firings the outbox sweep has republished so far (every workspace). */
    public static double republished() {
        return Scrape.now().value(REPUBLISHED);
    }

    /** Waits until no outbox entry of {@code workspace} mentions {@code id} (a firing's or an automation's). */
    public static void awaitNoEntryMentions(RedisDataSource redis, UUID workspace, String id, Duration timeout) {
        Awaitility.await("no outbox entry of " + workspace + " mentions " + id).atMost(timeout)
                .until(() -> !mentions(redis, workspace, id));
    }

    private static boolean mentions(RedisDataSource redis, UUID workspace, String id) {
        for (String key : redis.key().keys(RedisKeys.outboxEntryPrefix(workspace) + "*")) {
            String payload = redis.value(String.class).get(key);
            if (payload != null && payload.contains(id)) {
                return true;
            }
        }
        return false;
    }
}
