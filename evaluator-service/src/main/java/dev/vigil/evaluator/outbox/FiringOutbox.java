package dev.vigil.evaluator.outbox;

import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.state.OutboxEntry;
import dev.vigil.evaluator.trace.EventTraces;
import dev.vigil.evaluator.trigger.AutomationFiring;
import dev.vigil.support.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Redis outbox of committed firings. The commit script writes a batch's firings (one entry per
 * workspace) together with the state that produced them; the publisher removes the entries once the
 * broker has acknowledged every message; entries nobody removed within the lease are claimed by the
 * recovery sweep of any replica ({@link OutboxSweep}).
 */
@ApplicationScoped
public class FiringOutbox {

    private static final LuaScript CLAIM = LuaScript.load(FiringOutbox.class, "/lua/claim-outbox.lua");
    private static final int ID_DIGITS = 16;
    private static final long MICROS_PER_MILLI = 1000;

    private final ReactiveRedisDataSource redis;
    private final OutboxCodec codec;
    private final EvaluatorConfig config;
    private final EventTraces traces;
    private final Clock clock = Clock.systemUTC();
    /** Tells this process's entry ids from other replicas'. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong lastId = new AtomicLong();
    private final Queue<OutboxEntry> published = new ConcurrentLinkedQueue<>();

    public FiringOutbox(ReactiveRedisDataSource redis, OutboxCodec codec, EvaluatorConfig config, EventTraces traces) {
        this.traces = traces;
        this.redis = redis;
        this.codec = codec;
        this.config = config;
    }

    /**
     * The entries that hold {@code firings}: one per workspace, each keeping its firings' order and the trace context
     * of the event that triggered each (known while its batch is evaluated, when this is called).
     */
    public List<OutboxEntry> entriesFor(List<AutomationFiring> firings) {
        if (firings.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<AutomationFiring>> byWorkspace = new LinkedHashMap<>();
        firings.forEach(f -> byWorkspace.computeIfAbsent(f.workspaceId(), ignored -> new ArrayList<>()).add(f));
        List<OutboxEntry> entries = new ArrayList<>(byWorkspace.size());
        byWorkspace.forEach((workspace, own) ->
                entries.add(new OutboxEntry(workspace, nextId(), codec.write(own, traces::of))));
        return entries;
    }

    /** The commands that remove published entries, to pipeline with other work. */
    public List<Request> removal(List<OutboxEntry> entries) {
        Map<UUID, List<OutboxEntry>> byWorkspace = new LinkedHashMap<>();
        entries.forEach(e -> byWorkspace.computeIfAbsent(e.workspaceId(), ignored -> new ArrayList<>()).add(e));
        List<Request> requests = new ArrayList<>(byWorkspace.size() * 2);
        byWorkspace.forEach((workspace, own) -> {
            Request members = Request.cmd(Command.ZREM).arg(RedisKeys.outbox(workspace));
            Request keys = Request.cmd(Command.DEL);
            own.forEach(entry -> {
                members.arg(entry.id());
                keys.arg(entry.key());
            });
            requests.add(members);
            requests.add(keys);
        });
        return requests;
    }

    /**
     * Remembers published entries, to remove with this process's next state read
     * ({@link #takePublished}) or, if none comes first, the next sweep ({@link #removePublished}): well
     * within the lease, and without a round trip of their own.
     */
    public void removeLater(List<OutboxEntry> entries) {
        published.addAll(entries);
    }

    /** Takes the published entries not yet removed; whoever takes them removes them or gives them back. */
    public List<OutboxEntry> takePublished() {
        List<OutboxEntry> taken = new ArrayList<>();
        for (OutboxEntry entry = published.poll(); entry != null; entry = published.poll()) {
            taken.add(entry);
        }
        return taken;
    }

    /** Removes the published entries not yet removed. */
    public Uni<Void> removePublished() {
        List<OutboxEntry> taken = takePublished();
        return remove(taken).onFailure().invoke(() -> removeLater(taken));
    }

    /** Removes published entries, in one pipelined round trip. */
    public Uni<Void> remove(List<OutboxEntry> entries) {
        return pipeline(removal(entries)).replaceWithVoid();
    }

    /** Sends {@code requests} in one round trip; their replies in order. */
    public Uni<List<Response>> pipeline(List<Request> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return redis.getRedis().batch(requests);
    }

    /**
     * Claims the workspace's entries whose lease is over (at most the sweep's batch size), so that no
     * other sweep takes them for one lease; in commit order.
     */
    public Uni<List<OutboxEntry>> claimDue(UUID workspaceId) {
        return CLAIM.run(redis, List.of(RedisKeys.outbox(workspaceId)), List.of(Long.toString(clock.millis()),
                        Long.toString(config.outbox().lease().toMillis()),
                        Integer.toString(config.outbox().sweepBatchSize()), RedisKeys.outboxEntryPrefix(workspaceId)))
                .map(reply -> {
                    List<OutboxEntry> claimed = new ArrayList<>(reply.size() / 2);
                    for (int i = 0; i + 1 < reply.size(); i += 2) {
                        claimed.add(new OutboxEntry(workspaceId, reply.get(i).toString(StandardCharsets.UTF_8),
                                reply.get(i + 1).toString(StandardCharsets.UTF_8)));
                    }
                    claimed.sort(Comparator.comparing(OutboxEntry::id));
                    return claimed;
                });
    }

    /** The firings an entry holds. */
    public List<AutomationFiring> firings(OutboxEntry entry) {
        return codec.read(entry.workspaceId(), entry.payload());
    }

    /** The firings an entry holds, with the trace context each continues. */
    public OutboxCodec.Read read(OutboxEntry entry) {
        return codec.readTraced(entry.workspaceId(), entry.payload());
    }

    /**
     * Ids sort in commit order within this process: microseconds since the epoch, made strictly
     * increasing, zero-padded, then this process's tag.
     */
    private String nextId() {
        long now = clock.millis() * MICROS_PER_MILLI;
        long id = lastId.updateAndGet(last -> Math.max(last + 1, now));
        return String.format("%0" + ID_DIGITS + "d-%s", id, instance);
    }
}
