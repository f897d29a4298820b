package dev.vigil.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the evaluator, under {@code vigil.evaluator}. */
@ConfigMapping(prefix = "vigil.evaluator")
public interface EvaluatorConfig {

    /** How long an event id is remembered, so a redelivered event is counted once. */
    @WithDefault("30M")
    Duration seenEventTtl();

    /** Extra life of a bucket key in Redis beyond its window, so nothing leaks and late events still find it. */
    @WithDefault("20M")
    Duration bucketTtlBuffer();

    /** How often to retry an evaluation whose buckets another replica changed meanwhile. */
    @WithDefault("16")
    int casRetries();

    /** How often due proactive windows are looked for; bounds how late a proactive firing can be. */
    @WithDefault("250ms")
    Duration timerPollInterval();

    /**
     * Due windows of a workspace evaluated together: one state read, one commit and one hand-off of
     * firings per page; a poll takes page after page until none is due.
     */
    @WithDefault("500")
    int timerBatchSize();

    /**
     * Pages of due windows in flight at once behind a full page (a backlog), so that one page's commit and
     * publishing overlap the next page's read and evaluation; 1 takes them strictly one after another.
     */
    @WithDefault("4")
    int timerPipeline();

    /** Most events one backtest may replay. */
    @WithDefault("100000")
    int backtestMaxEvents();

    /** Most buckets, composite states and timers {@code GET /automations/{id}/state} lists of each kind. */
    @WithDefault("1000")
    int stateMaxEntries();

    /**
     * While Redis cannot be reached, how often a batch of events is tried again (and the longest wait for
     * Redis to answer a probe). Such a batch waits for Redis instead of going to the dead-letter topic.
     */
    @WithDefault("1s")
    Duration redisRetryInterval();

    /** Full reload of enabled automations, in case a change notification was missed. */
    @WithDefault("5M")
    Duration reconcileInterval();

    /**
     * Automations read per query (each in a session of its own) by a full load, so its memory stays
     * bounded; a page is hydrated on the event loop, and 1000 held it for 2-4 s on a loaded box.
     */
    @WithDefault("250")
    int loadPageSize();

    /** Pauses between attempts at the first full load, which nothing is evaluated before. */
    LoadRetry loadRetry();

    interface LoadRetry {

        /** The pause after the first failure; each later one is twice the previous. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest pause, so a replica that could not load at start loads soon after the database can serve it. */
        @WithDefault("10s")
        Duration maxBackoff();
    }

    /** Most automations re-read in one query when other replicas' change notifications arrive together. */
    @WithDefault("500")
    int changeBatchSize();

    /**
     * Longest causal chain a firing may have and still be acted on: the automations whose firings led to it,
     * itself included (see {@code CausalChain}). A longer one publishes {@code prefect.automation.loop-detected}.
     */
    @WithDefault("3")
    int maxCausalDepth();

    /**
     * Firings of one automation acted on per clock minute, counted in Redis over every replica; the firing
     * over it pauses the automation (the storm brake) and is not acted on.
     */
    @WithDefault("600")
    int maxFiringsPerMinute();

    /** Holding back events whose {@code follows} names an event not yet evaluated. */
    CausalOrdering causalOrdering();

    interface CausalOrdering {

        /** Off, every event is evaluated as it comes, whatever it follows. */
        @WithDefault("true")
        boolean enabled();

        /** Longest wait for a leader, from the follower's {@code received}; Prefect's is 15 minutes. */
        @WithDefault("15M")
        Duration maxWait();

        /** Most followers waiting for one leader; more are evaluated at once. */
        @WithDefault("1000")
        int maxFollowersPerLeader();

        /** Most followers waiting in a workspace; more are evaluated at once. */
        @WithDefault("100000")
        int maxWaiting();

        /** How often followers whose wait is over are looked for. */
        @WithDefault("1s")
        Duration sweepInterval();

        /** Most followers evaluated per workspace per sweep. */
        @WithDefault("500")
        int sweepBatchSize();

        /** Followers of followers are evaluated at once up to this depth (as in Prefect); deeper ones wait for the sweep. */
        @WithDefault("20")
        int maxDepth();
    }

    /** The event-time watermark proactive timers fire on, so they never run ahead of the events of their window. */
    Watermark watermark();

    interface Watermark {

        /** Off, timers fire on the wall clock alone, even while the evaluator lags behind the events topic. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Longest a partition that is behind (a stuck or dead consumer, a partition nobody has published yet)
         * holds timers back; beyond it they fire anyway, with a warning, and may miss events not yet evaluated.
         */
        @WithDefault("3M")
        Duration maxHold();

        /**
         * How long after ingest stamps an event's {@code received} it may still be on its way to the broker
         * (ingest's send, the broker's acknowledgement), so that an event stamped earlier can arrive behind a
         * later one. The watermark stays this far behind what the consumer has seen; it adds as much to a
         * timer's lateness.
         */
        @WithDefault("100ms")
        Duration inFlight();

        /** Longest wait for the consumer's polling thread to report its partitions; timers then use the last values. */
        @WithDefault("2s")
        Duration sampleTimeout();
    }

    /** The outbox of committed firings, which makes every committed firing published at least once. */
    Outbox outbox();

    interface Outbox {

        /**
         * How long a committed firing is left to its publisher before the recovery sweep of any replica
         * republishes it; a claimed entry is claimed again only one lease later. Well above a normal
         * publish, so that only firings whose publisher died or failed are published twice.
         */
        @WithDefault("15s")
        Duration lease();

        /** How often every replica looks for entries whose lease is over (and once at startup). */
        @WithDefault("1s")
        Duration sweepInterval();

        /** Most entries (a committed batch's firings of one workspace each) republished per workspace per sweep. */
        @WithDefault("100")
        int sweepBatchSize();

        /** Life of an entry nobody could publish (a broker away this long); far above the lease, so nothing leaks. */
        @WithDefault("24H")
        Duration entryTtl();
    }

    /** Ingest's event history API, which a backtest over {@code since}/{@code until} replays. */
    Ingest ingest();

    interface Ingest {

        /** Base URL of the ingest service (env {@code VIGIL_INGEST_URL}). */
        String url();

        /** Longest wait for one page of history; an ingest that does not answer in time makes the backtest 503. */
        @WithDefault("10s")
        Duration timeout();

        /** Events per page; at most ingest's {@code vigil.ingest.history.max-page-size}. */
        @WithDefault("50")
        int pageSize();
    }

    /** The gauges of the evaluator's state in Redis ({@code StateGauges}), read apart from the live path. */
    Metrics metrics();

    interface Metrics {

        /** How often the timers, the outbox and the next stretch of the bucket scan are read. */
        @WithDefault("15s")
        Duration stateInterval();

        /** Most workspaces whose sizes are read at once. */
        @WithDefault("8")
        int concurrency();

        /** Most {@code SCAN} calls of the bucket count per reading; a large keyspace takes several readings. */
        @WithDefault("20")
        int scanCalls();

        /** The {@code COUNT} hint of each {@code SCAN} call. */
        @WithDefault("1000")
        int scanCount();
    }
}
