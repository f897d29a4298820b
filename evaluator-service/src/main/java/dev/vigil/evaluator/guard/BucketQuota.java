package dev.vigil.evaluator.guard;

import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.trigger.TriggerIndex;
import dev.vigil.model.automation.Automation;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import dev.vigil.model.event.EventIds;
import dev.vigil.support.event.EventPublisher;
import dev.vigil.support.limit.LimitsConfig;
import dev.vigil.support.redis.LuaScript;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code vigil.limits.buckets-per-automation}: the live {@code for_each} buckets of one automation. Each
 * automation's buckets are tracked in a Redis sorted set scored by expiry; a batch's new keyed buckets are
 * admitted while the set is under the quota, in one script call for the batch (none for a batch without
 * keyed buckets). An event is not evaluated against a refused bucket, and once a minute per automation a
 * {@value #EVENT} event says so.
 */
@ApplicationScoped
public class BucketQuota {

    public static final String EVENT = "prefect.automation.bucket-limit-reached";
    public static final String LIMIT = "vigil.limits.buckets-per-automation";
    private static final LuaScript ADMIT = LuaScript.load(BucketQuota.class, "/lua/admit-buckets.lua");
    private static final long NOTICE_SECONDS = 60;

    private final ReactiveRedisDataSource redis;
    private final EventPublisher events;
    private final int max;
    private final Duration ttlBuffer;

    public BucketQuota(ReactiveRedisDataSource redis, EventPublisher events, LimitsConfig limits,
                       EvaluatorConfig config) {
        this.redis = redis;
        this.events = events;
        this.max = limits.bucketsPerAutomation();
        this.ttlBuffer = config.bucketTtlBuffer();
    }

    /** The keyed buckets among {@code touched} that the quota refuses; empty when all are admitted. */
    public Uni<Set<BucketKey>> refused(TriggerIndex index, Map<BucketKey, String> touched) {
        if (max <= 0) {
            return Uni.createFrom().item(Set.of());
        }
        Map<UUID, List<BucketKey>> byAutomation = new LinkedHashMap<>();
        for (BucketKey key : touched.keySet()) {
            if (!key.values().isEmpty()) {
                byAutomation.computeIfAbsent(key.automationId(), id -> new ArrayList<>()).add(key);
            }
        }
        if (byAutomation.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        long now = System.currentTimeMillis();
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(Long.toString(now), Integer.toString(max),
                Long.toString(NOTICE_SECONDS)));
        Map<String, BucketKey> byMember = new LinkedHashMap<>();
        List<UUID> automations = new ArrayList<>(byAutomation.keySet());
        for (List<BucketKey> group : byAutomation.values()) {
            BucketKey first = group.get(0);
            keys.add("vigil:" + first.workspaceId() + ":bucket-index:" + first.automationId());
            keys.add("vigil:" + first.workspaceId() + ":bucket-limit-notice:" + first.automationId());
            args.add(Integer.toString(group.size()));
            for (BucketKey key : group) {
                String member = member(touched.get(key));
                byMember.put(key.automationId() + member, key);
                args.add(member);
                args.add(Long.toString(now + lifetime(index, key).toMillis()));
            }
        }
        return ADMIT.run(redis, keys, args).chain(response -> {
            Set<BucketKey> refused = new HashSet<>();
            List<Uni<Void>> notices = new ArrayList<>();
            for (int i = 0; i < response.size(); i++) {
                Response result = response.get(i);
                UUID automationId = automations.get(i);
                for (int j = 1; j < result.size(); j++) {
                    refused.add(byMember.get(automationId + result.get(j).toString()));
                }
                if (result.get(0).toInteger() == 1) {
                    BucketKey any = byAutomation.get(automationId).get(0);
                    notices.add(notice(index, any, result.size() - 1));
                }
            }
            return notices.isEmpty() ? Uni.createFrom().item(refused)
                    : Uni.join().all(notices).andCollectFailures().replaceWith(refused)
                    .onFailure().recoverWithItem(refused);
        });
    }

    /** The trigger id and digest of a bucket's Redis key: unique within its automation. */
    private static String member(String bucketRedisKey) {
        int last = bucketRedisKey.lastIndexOf(':');
        return bucketRedisKey.substring(bucketRedisKey.lastIndexOf(':', last - 1) + 1);
    }

    private Duration lifetime(TriggerIndex index, BucketKey key) {
        TriggerIndex.Entry entry = index.byTriggerId(key.triggerId());
        Duration within = entry == null || entry.evaluator().trigger().within() == null ? Duration.ZERO
                : entry.evaluator().trigger().within();
        return within.plus(ttlBuffer);
    }

    private Uni<Void> notice(TriggerIndex index, BucketKey key, int refusedNow) {
        TriggerIndex.Entry entry = index.byTriggerId(key.triggerId());
        if (entry == null) {
            return Uni.createFrom().voidItem();
        }
        Automation automation = entry.automation();
        Log.warnf("Automation %s has %d live for_each buckets (%s): events for new buckets are not evaluated",
                automation.id(), max, LIMIT);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("automation_id", automation.id().toString());
        payload.put("limit", LIMIT);
        payload.put("max_buckets", max);
        payload.put("refused_buckets", refusedNow);
        payload.put("detail", "Events that would open a new for_each bucket are not evaluated while the"
                + " automation has " + max + " live buckets");
        ReceivedEvent event = new ReceivedEvent(now, EVENT, new Resource(Map.of(Resource.ID, automation.resourceId(),
                Resource.NAME, automation.name())), List.of(), payload, EventIds.uuid7(), null, now);
        return events.publish(key.workspaceId(), event);
    }
}
