package dev.vigil.evaluator.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.state.RedisStateRepository;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.support.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Prefect's causal ordering, held in Redis so every replica shares it: an event whose {@code follows}
 * names an event not yet evaluated waits for it (bounded in count and time), and is evaluated right
 * after it. A follower whose leader never comes is evaluated when its wait is over ({@link LostFollowers}).
 */
@ApplicationScoped
public class CausalOrdering {

    private static final LuaScript PARK = LuaScript.load(CausalOrdering.class, "/lua/park-follower.lua");
    private static final LuaScript FORGET = LuaScript.load(CausalOrdering.class, "/lua/forget-followers.lua");
    private static final LuaScript CLAIM_LOST = LuaScript.load(CausalOrdering.class, "/lua/claim-lost-followers.lua");

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final EvaluatorConfig config;
    private final EvaluatorConfig.CausalOrdering settings;
    private final Clock clock = Clock.systemUTC();

    public CausalOrdering(ReactiveRedisDataSource redis, ObjectMapper json, EvaluatorConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
        this.settings = config.causalOrdering();
    }

    /** Parks the event if it follows one not yet evaluated; true when it was parked (evaluate it later). */
    public Uni<Boolean> parkIfEarly(UUID workspaceId, ReceivedEvent event) {
        UUID leader = event.follows();
        if (!settings.enabled() || leader == null || leader.equals(event.id())) {
            return Uni.createFrom().item(false);
        }
        Instant received = event.received() == null ? clock.instant() : event.received().toInstant();
        Instant deadline = received.plus(settings.maxWait());
        if (!deadline.isAfter(clock.instant())) {
            return Uni.createFrom().item(false);
        }
        String follower = write(event);
        return PARK.run(redis, List.of(
                        RedisKeys.processedEvent(workspaceId, leader),
                        RedisKeys.followers(workspaceId, leader),
                        RedisKeys.waitingFollowers(workspaceId)), List.of(
                        follower,
                        Long.toString(event.occurred().toInstant().toEpochMilli()),
                        Long.toString(deadline.toEpochMilli()),
                        RedisKeys.waitingMember(leader, follower),
                        Long.toString(settings.maxWait().toMillis()),
                        Integer.toString(settings.maxFollowersPerLeader()),
                        Integer.toString(settings.maxWaiting())))
                .map(parked -> parked.toInteger() == 1);
    }

    /**
     * The marks a batch's commit sets to record that {@code events} were evaluated: per event, its
     * marker and its followers, which the commit returns ({@link #released}). Atomic with the commit.
     */
    public RedisStateRepository.Marks marks(List<EventRef> events) {
        if (!settings.enabled() || events.isEmpty()) {
            return RedisStateRepository.Marks.NONE;
        }
        List<String> keys = new ArrayList<>(events.size() * 2);
        for (EventRef item : events) {
            keys.add(RedisKeys.processedEvent(item.workspaceId(), item.eventId()));
            keys.add(RedisKeys.followers(item.workspaceId(), item.eventId()));
        }
        return new RedisStateRepository.Marks(keys, config.seenEventTtl());
    }

    /**
     * The followers each of {@code events} released, oldest first, in the order of {@code events}, from
     * what the commit of their {@link #marks} returned. They stay listed until {@link #forget}, so a
     * crash in between loses none.
     */
    public List<List<Follower>> released(List<EventRef> events, List<List<String>> stored) {
        if (stored.isEmpty()) {
            return events.stream().map(ignored -> List.<Follower>of()).toList();
        }
        List<List<Follower>> released = new ArrayList<>(stored.size());
        for (List<String> perEvent : stored) {
            List<Follower> followers = new ArrayList<>(perEvent.size());
            perEvent.forEach(text -> followers.add(new Follower(text, read(text))));
            released.add(followers);
        }
        return released;
    }

    /** Drops evaluated followers of a leader from the wait list. */
    public Uni<Void> forget(UUID workspaceId, UUID leaderId, List<Follower> followers) {
        if (followers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> args = new ArrayList<>(followers.size() + 5);
        args.add("2");
        args.add(RedisKeys.followers(workspaceId, leaderId));
        args.add(RedisKeys.waitingFollowers(workspaceId));
        args.add(RedisKeys.waitingMember(leaderId, ""));
        followers.forEach(f -> args.add(f.stored()));
        return FORGET.run(redis, args).replaceWithVoid();
    }

    /** An evaluated event that may be a leader. */
    public record EventRef(UUID workspaceId, UUID eventId) {
    }

    /** A waiting event, with the text it is stored as (which identifies it in the wait lists). */
    public record Follower(String stored, ReceivedEvent event) {
    }

    /** Claims followers of the workspace whose wait is over, so that exactly one replica evaluates each. */
    public Uni<List<ReceivedEvent>> claimLost(UUID workspaceId) {
        return CLAIM_LOST.run(redis, List.of(RedisKeys.waitingFollowers(workspaceId)),
                        List.of(Long.toString(clock.millis()), Integer.toString(settings.sweepBatchSize()),
                                RedisKeys.causalPrefix(workspaceId)))
                .map(reply -> {
                    List<ReceivedEvent> events = new ArrayList<>(reply.size());
                    reply.forEach(member -> {
                        String text = member.toString(StandardCharsets.UTF_8);
                        events.add(read(text.substring(text.indexOf('|') + 1)));
                    });
                    return events;
                });
    }

    private ReceivedEvent read(String text) {
        try {
            return json.readValue(text, ReceivedEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable waiting follower", e);
        }
    }

    private String write(ReceivedEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable follower", e);
        }
    }
}
