package dev.vigil.evaluator.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluator.bucket.BucketKey;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.bucket.StateSnapshot;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.trigger.AutomationEvaluator.Touched;
import dev.vigil.support.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Loads the state a batch of events (or a timer) touches in one round trip, and commits the
 * evaluation with one atomic compare-and-set script: an event is counted once, and concurrent
 * replicas never lose an update.
 */
@ApplicationScoped
public class RedisStateRepository {

    /** The outcome of a commit. */
    public enum CommitResult { OK, DUPLICATE, CONFLICT }

    /**
     * Keys a commit sets (for {@code ttl}), each paired with a sorted set whose members it returns:
     * causal ordering's "evaluated" markers and the followers waiting for those events.
     */
    public record Marks(List<String> markerAndWaitingKeys, Duration ttl) {

        public static final Marks NONE = new Marks(List.of(), Duration.ZERO);

        public int count() {
            return markerAndWaitingKeys.size() / 2;
        }
    }

    /** A commit's outcome and, when it is {@code OK}, per mark, the members of its sorted set. */
    public record Commit(CommitResult result, List<List<String>> released) {
    }

    /** What a load found: whether the event was already counted, and the state. */
    public record Loaded(boolean alreadySeen, StateSnapshot snapshot) {
    }

    /** The commit script's "write nothing" value for a state key. */
    private static final String UNCHANGED = "=";
    private static final LuaScript COMMIT_SCRIPT = LuaScript.load(RedisStateRepository.class, "/lua/commit-buckets.lua");

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final EvaluatorConfig config;
    private final Clock clock = Clock.systemUTC();

    public RedisStateRepository(ReactiveRedisDataSource redis, ObjectMapper json, EvaluatorConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
    }

    /** Loads {@code touched}; with an event id, also whether that event was already counted. */
    public Uni<Loaded> load(UUID workspaceId, UUID eventId, Touched touched) {
        List<String> seenKeys = eventId == null ? List.of() : List.of(RedisKeys.seenEvent(workspaceId, eventId));
        return load(seenKeys, stateKeys(touched)).map(loaded -> new Loaded(!loaded.seen().isEmpty(), loaded.snapshot()));
    }

    /** What a batch load found: which of the asked "seen" keys exist, and the state. */
    public record LoadedBatch(Set<String> seen, StateSnapshot snapshot) {
    }

    /** The Redis keys of the buckets and composite states in {@code touched}. */
    public static List<String> stateKeys(Touched touched) {
        List<String> keys = new ArrayList<>(touched.buckets().size() + touched.composites().size());
        touched.buckets().forEach(k -> keys.add(RedisKeys.bucket(k)));
        touched.composites().forEach(k -> keys.add(RedisKeys.composite(k)));
        return keys;
    }

    /** Reads, in one {@code MGET}, which of {@code seenKeys} exist and the values of {@code stateKeys}. */
    public Uni<LoadedBatch> load(Collection<String> seenKeys, Collection<String> stateKeys) {
        return load(seenKeys, stateKeys, List.of(), Map.of());
    }

    /**
     * As {@link #load(Collection, Collection)}, with {@code alongside} (writes that need no reply) pipelined
     * before the {@code MGET} in the same round trip; sent on their own if there is nothing to read. The
     * snapshot reuses {@code bucketKeys}, the Redis names of bucket keys already built (a digest each).
     */
    public Uni<LoadedBatch> load(Collection<String> seenKeys, Collection<String> stateKeys, List<Request> alongside,
                                 Map<BucketKey, String> bucketKeys) {
        List<String> distinctSeen = List.copyOf(new LinkedHashSet<>(seenKeys));
        List<String> distinctState = List.copyOf(new LinkedHashSet<>(stateKeys));
        if (distinctSeen.isEmpty() && distinctState.isEmpty()) {
            LoadedBatch nothing = new LoadedBatch(Set.of(), new StateSnapshot(json, Map.of(), bucketKeys));
            return alongside.isEmpty() ? Uni.createFrom().item(nothing)
                    : redis.getRedis().batch(alongside).replaceWith(nothing);
        }
        Request mget = Request.cmd(Command.MGET);
        distinctSeen.forEach(mget::arg);
        distinctState.forEach(mget::arg);
        Uni<Response> read;
        if (alongside.isEmpty()) {
            read = redis.getRedis().send(mget);
        } else {
            List<Request> requests = new ArrayList<>(alongside.size() + 1);
            requests.addAll(alongside);
            requests.add(mget);
            read = redis.getRedis().batch(requests).map(replies -> replies.get(replies.size() - 1));
        }
        return read.map(response -> {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < distinctSeen.size(); i++) {
                if (response.get(i) != null) {
                    seen.add(distinctSeen.get(i));
                }
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < distinctState.size(); i++) {
                Response value = response.get(i + distinctSeen.size());
                values.put(distinctState.get(i), value == null ? null : value.toString(StandardCharsets.UTF_8));
            }
            return new LoadedBatch(seen, new StateSnapshot(json, values, bucketKeys));
        });
    }

    /** Members of a workspace's timers due at or before {@code now}, earliest first, at most {@code limit}. */
    /** A window due: its timer member and when it is due (ms since the epoch). */
    public record DueTimer(String member, long dueMillis) {
    }

    /** The earliest timers of a workspace due at {@code now}, with their due times, at most {@code limit}. */
    public Uni<List<DueTimer>> dueTimers(UUID workspaceId, Instant now, int limit) {
        return redis.execute("ZRANGEBYSCORE", RedisKeys.timers(workspaceId), "-inf",
                        Long.toString(now.toEpochMilli()), "WITHSCORES", "LIMIT", "0", Integer.toString(limit))
                .map(response -> {
                    List<DueTimer> due = new ArrayList<>(response.size());
                    if (response.size() > 0 && response.get(0).size() == 2) {
                        // RESP3: one [member, score] pair per timer
                        response.forEach(pair -> due.add(new DueTimer(pair.get(0).toString(StandardCharsets.UTF_8),
                                pair.get(1).toDouble().longValue())));
                        return due;
                    }
                    for (int i = 0; i + 1 < response.size(); i += 2) {
                        due.add(new DueTimer(response.get(i).toString(StandardCharsets.UTF_8),
                                (long) Double.parseDouble(response.get(i + 1).toString())));
                    }
                    return due;
                });
    }

    public Uni<CommitResult> commit(UUID workspaceId, UUID eventId, StateSnapshot snapshot, Duration window) {
        return commit(workspaceId, eventId, snapshot, window, List.of());
    }

    /** As {@link #commit(Collection, StateSnapshot, Duration, List)}, for one event (or a timer: no event). */
    public Uni<CommitResult> commit(UUID workspaceId, UUID eventId, StateSnapshot snapshot, Duration window,
                                    List<OutboxEntry> outbox) {
        List<String> seenKeys = eventId == null ? List.of() : List.of(RedisKeys.seenEvent(workspaceId, eventId));
        return commit(seenKeys, snapshot, window, outbox);
    }

    public Uni<CommitResult> commit(Collection<String> seenKeys, StateSnapshot snapshot, Duration window) {
        return commit(seenKeys, snapshot, window, List.of());
    }

    /**
     * Commits an evaluation with one compare-and-set script: refused ({@code CONFLICT}) if any key
     * read changed meanwhile, or ({@code DUPLICATE}) if any of {@code seenKeys} appeared; otherwise
     * writes the changed state (kept for {@code window} plus the buffer), applies the timer changes,
     * marks the events seen, and writes the evaluation's firings to the {@code outbox}, claimable by
     * the recovery sweep one lease from now unless their publisher removes them first.
     */
    public Uni<CommitResult> commit(Collection<String> seenKeys, StateSnapshot snapshot, Duration window,
                                    List<OutboxEntry> outbox) {
        return commit(seenKeys, snapshot, window, outbox, Marks.NONE).map(Commit::result);
    }

    /** As {@link #commit(Collection, StateSnapshot, Duration, List)}, also setting {@code marks} if it succeeds. */
    public Uni<Commit> commit(Collection<String> seenKeys, StateSnapshot snapshot, Duration window,
                              List<OutboxEntry> outbox, Marks marks) {
        Map<String, String> read = snapshot.readValues();
        List<String> timerSets = new ArrayList<>();
        Map<String, Integer> timerSetIndex = new HashMap<>();
        List<String> timerArgs = new ArrayList<>(snapshot.timerChanges().size() * 3);
        snapshot.timerChanges().forEach((key, due) -> {
            int set = timerSetIndex.computeIfAbsent(RedisKeys.timers(key.workspaceId()), name -> {
                timerSets.add(name);
                return timerSets.size();
            });
            timerArgs.add(Integer.toString(set));
            timerArgs.add(RedisKeys.timerMember(key));
            timerArgs.add(due == null ? "" : Long.toString(due.toEpochMilli()));
        });
        // Each state key's write, and the keys created or deleted with the state index they join or leave.
        List<String> writes = new ArrayList<>(read.size());
        List<String> indexes = new ArrayList<>();
        Map<String, Integer> indexSlot = new HashMap<>();
        List<String> indexArgs = new ArrayList<>();
        int position = 0;
        for (Map.Entry<String, String> entry : read.entrySet()) {
            String write = snapshot.writeValue(entry.getKey());
            writes.add(write);
            boolean created = entry.getValue().isEmpty() && !write.isEmpty() && !UNCHANGED.equals(write);
            boolean deleted = !entry.getValue().isEmpty() && write.isEmpty();
            String index = created || deleted ? RedisKeys.stateIndexOf(entry.getKey()) : null;
            if (index != null) {
                int slot = indexSlot.computeIfAbsent(index, name -> {
                    indexes.add(name);
                    return indexes.size();
                });
                indexArgs.add(Integer.toString(position));
                indexArgs.add(Integer.toString(slot));
            }
            position++;
        }
        List<String> args = new ArrayList<>(10 + marks.markerAndWaitingKeys().size() + seenKeys.size() + timerSets.size()
                + outbox.size() * 4 + indexes.size() + read.size() * 3 + 5 + timerArgs.size() + indexArgs.size());
        List<String> markKeys = marks.markerAndWaitingKeys();
        args.add(Integer.toString(seenKeys.size() + timerSets.size() + outbox.size() * 2 + markKeys.size()
                + indexes.size() + read.size()));
        args.addAll(seenKeys);
        args.addAll(timerSets);
        for (OutboxEntry entry : outbox) {
            args.add(entry.key());
            args.add(RedisKeys.outbox(entry.workspaceId()));
        }
        args.addAll(markKeys);
        args.addAll(indexes);
        args.addAll(read.keySet());
        args.add(Integer.toString(seenKeys.size()));
        args.add(Integer.toString(timerSets.size()));
        args.add(Long.toString(config.seenEventTtl().toMillis()));
        // Two windows: a reactive bucket that fired lives through the next window, which resolves it.
        args.add(Long.toString(window.multipliedBy(2).plus(config.bucketTtlBuffer()).toMillis()));
        args.add(Integer.toString(outbox.size()));
        args.add(Integer.toString(marks.count()));
        args.add(Long.toString(marks.ttl().toMillis()));
        args.add(Integer.toString(indexes.size()));
        int written = 0;
        for (String value : read.values()) {
            args.add(value);
            args.add(writes.get(written++));
        }
        args.add(Integer.toString(snapshot.timerChanges().size()));
        args.addAll(timerArgs);
        args.add(Long.toString(config.outbox().entryTtl().toMillis()));
        args.add(Long.toString(clock.instant().plus(config.outbox().lease()).toEpochMilli()));
        for (OutboxEntry entry : outbox) {
            args.add(entry.id());
            args.add(entry.payload());
        }
        args.add(Integer.toString(indexArgs.size() / 2));
        args.addAll(indexArgs);
        return COMMIT_SCRIPT.run(redis, args).map(RedisStateRepository::commitOutcome);
    }

    private static Commit commitOutcome(Response reply) {
        CommitResult result = CommitResult.valueOf(reply.get(0).toString());
        List<List<String>> released = new ArrayList<>(reply.size() - 1);
        for (int i = 1; i < reply.size(); i++) {
            List<String> members = new ArrayList<>(reply.get(i).size());
            reply.get(i).forEach(member -> members.add(member.toString(StandardCharsets.UTF_8)));
            released.add(members);
        }
        return new Commit(result, released);
    }
}
