package dev.vigil.evaluator.metrics;

import dev.vigil.evaluator.automation.AutomationCatalog;
import dev.vigil.evaluator.bucket.RedisKeys;
import dev.vigil.evaluator.config.EvaluatorConfig;
import dev.vigil.evaluator.support.SafeContexts;
import dev.vigil.support.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The evaluator's state in Redis as gauges, read apart from the live path, every
 * {@code vigil.evaluator.metrics.state-interval}:
 * <ul>
 *   <li>{@value MetricNames#TIMERS_ARMED} and {@value MetricNames#OUTBOX_SIZE}: one {@code ZCARD} of each per
 *   workspace that has automations;</li>
 *   <li>{@value MetricNames#BUCKETS_LIVE}: buckets are keys of their own, so they are counted by a {@code SCAN} of
 *   the keyspace that goes at most {@code scan-calls} calls further each time; the gauge shows the count of the
 *   last full pass (NaN until one is over). The work per interval is bounded however large the keyspace.</li>
 * </ul>
 * Every replica reports the same totals; a dashboard takes their maximum.
 */
@ApplicationScoped
public class StateGauges {

    private static final String BUCKET_PATTERN = "vigil:*:bucket:*";
    private static final String START = "0";

    private final AutomationCatalog catalog;
    private final ReactiveRedisDataSource redis;
    private final EvaluatorConfig.Metrics config;
    private final Vertx vertx;
    private final AtomicLong timers = new AtomicLong(-1);
    private final AtomicLong outbox = new AtomicLong(-1);
    private final AtomicLong buckets = new AtomicLong(-1);
    private String cursor = START;
    private long bucketsSoFar;
    private volatile boolean stopped;

    public StateGauges(AutomationCatalog catalog, ReactiveRedisDataSource redis, EvaluatorConfig config,
                       Vertx vertx, MeterRegistry registry) {
        this.catalog = catalog;
        this.redis = redis;
        this.config = config.metrics();
        this.vertx = vertx;
        gauge(registry, MetricNames.TIMERS_ARMED, "Armed timers of every workspace's triggers", timers);
        gauge(registry, MetricNames.OUTBOX_SIZE, "Committed firings waiting in the outbox (entries)", outbox);
        gauge(registry, MetricNames.BUCKETS_LIVE, "Trigger buckets in Redis, as of the last full scan", buckets);
    }

    private static void gauge(MeterRegistry registry, String name, String description, AtomicLong value) {
        Gauge.builder(name, value, v -> v.get() < 0 ? Double.NaN : v.get()).description(description)
                .register(registry);
    }

    void start(@Observes StartupEvent starting) {
        SafeContexts.run(vertx, this::readThenSchedule);
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
    }

    private void readThenSchedule() {
        read().subscribe().with(done -> scheduleNext(), failure -> {
            Log.debugf("Evaluator state gauges not read: %s", failure.getMessage());
            scheduleNext();
        });
    }

    private void scheduleNext() {
        if (!stopped) {
            vertx.setTimer(config.stateInterval().toMillis(), timer -> SafeContexts.run(vertx, this::readThenSchedule));
        }
    }

    /** One reading: the sizes of every workspace's timers and outbox, and the next stretch of the bucket scan. */
    Uni<Void> read() {
        return catalog.index().chain(index -> {
            List<Uni<long[]>> sizes = new ArrayList<>(index.workspaces().size());
            for (UUID workspace : index.workspaces()) {
                sizes.add(Uni.combine().all()
                        .unis(zcard(RedisKeys.timers(workspace)), zcard(RedisKeys.outbox(workspace)))
                        .with((t, o) -> new long[] {t, o}));
            }
            Uni<List<long[]>> all = sizes.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(sizes).usingConcurrencyOf(config.concurrency()).andFailFast();
            return all.invoke(each -> {
                long timerTotal = 0;
                long outboxTotal = 0;
                for (long[] pair : each) {
                    timerTotal += pair[0];
                    outboxTotal += pair[1];
                }
                timers.set(timerTotal);
                outbox.set(outboxTotal);
            });
        }).chain(() -> scanBuckets(config.scanCalls()));
    }

    private Uni<Long> zcard(String key) {
        return redis.execute("ZCARD", key).map(reply -> reply == null ? 0L : reply.toLong());
    }

    private Uni<Void> scanBuckets(int callsLeft) {
        if (callsLeft == 0) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("SCAN", cursor, "MATCH", BUCKET_PATTERN, "COUNT", Integer.toString(config.scanCount()))
                .chain(reply -> {
                    bucketsSoFar += reply.get(1).size();
                    cursor = reply.get(0).toString();
                    if (START.equals(cursor)) {
                        buckets.set(bucketsSoFar);
                        bucketsSoFar = 0;
                        return Uni.createFrom().voidItem();
                    }
                    return scanBuckets(callsLeft - 1);
                });
    }
}
