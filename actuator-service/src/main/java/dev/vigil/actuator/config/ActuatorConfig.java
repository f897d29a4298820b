package dev.vigil.actuator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the actuator, under {@code vigil.actuator}. */
@ConfigMapping(prefix = "vigil.actuator")
public interface ActuatorConfig {

    /**
     * Most actions running at once, i.e. doing I/O (Redis, PostgreSQL, the broker, a target). An action
     * waiting out a retry's backoff, a claim another owner holds or a busy target's gate gives its slot up
     * meanwhile, so a dead target's retrying actions cannot take every slot.
     */
    @WithDefault("64")
    int maxConcurrentActions();

    /**
     * Most of those actions one workspace runs at once; a free slot goes to the workspaces with actions waiting in
     * turn. Below {@code max-concurrent-actions}, so another workspace's action always finds room soon.
     */
    @WithDefault("48")
    int maxConcurrentActionsPerWorkspace();

    /**
     * Most actions of one workspace held at once (received from the stream and not over, or taken from the retry
     * queue and not over). Past it, the workspace's new actions are parked in the retry queue at once, due now,
     * and their messages acknowledged: one workspace's backlog never fills {@code max-held-actions}, so the stream
     * keeps moving for the others. The retry poller takes them back in turn with the other workspaces' retries.
     */
    @WithDefault("1024")
    int maxHeldActionsPerWorkspace();

    /**
     * Most claimed actions waiting for a running slot. An action's claim is taken when its batch arrives (or a retry
     * is polled); past this many waiting, new actions are parked in the retry queue, due now, instead of claimed, so
     * no claim waits long enough for event-loop lag to let it lapse before its action runs.
     */
    @WithDefault("512")
    int maxClaimsAhead();

    /** Most of those claimed actions waiting for a slot that are one workspace's, so its queue never takes all. */
    @WithDefault("128")
    int maxClaimsAheadPerWorkspace();

    /**
     * Most actions received and not yet over, running or waiting (a backoff, a claim, a running slot).
     * Bounds the memory of the messages held; their offsets are committed only once they are over.
     */
    @WithDefault("4096")
    int maxHeldActions();

    /**
     * At shutdown, how long the actions in flight get to finish before the consumer stops (the rest are taken over
     * by another replica). With the preStop pause and quarkus.shutdown.timeout it must fit the pod's
     * terminationGracePeriodSeconds (k8s/README.md, "Graceful shutdown").
     */
    @WithDefault("20s")
    Duration shutdownDrain();

    /** Timeout of every outgoing call (connect and response). */
    @WithDefault("10s")
    Duration webhookTimeout();

    /**
     * How long a claim lasts without renewal: a crashed replica's actions are taken over this long after
     * its last renewal. Must exceed {@link #claimRenewInterval()} by enough renewals to outlast a short
     * Redis outage.
     */
    @WithDefault("20s")
    Duration claimTtl();

    /** How often a live actuator renews all its claims (one Redis call); also that call's timeout. */
    @WithDefault("2s")
    Duration claimRenewInterval();

    /** How often a message whose action another owner holds (or while Redis is unreachable) tries to claim it again. */
    @WithDefault("500ms")
    Duration claimPollInterval();

    /**
     * How long a message waits for an action another owner holds, or for Redis to come back, before it
     * fails to the dead-letter topic. Longer than an action's retries, since a live owner may hold it that long.
     */
    @WithDefault("5M")
    Duration claimWait();

    /** How long a finished action is remembered in Redis (the delivery log remembers it for good). */
    @WithDefault("24H")
    Duration doneTtl();

    /** Longest excerpt of a response body kept in events and the delivery log. */
    @WithDefault("1000")
    int responseExcerptChars();

    /**
     * Most bytes of a response body read from a target (the excerpt is cut from them; the orchestrator's
     * answers are read from them); the rest is not read: the exchange is cut off.
     */
    @WithDefault("1048576")
    int maxResponseBytes();

    /** Where user-configured calls (blocks' URLs) may go. */
    Egress egress();

    /** The keys that encrypt blocks' secret fields at rest. */
    Secrets secrets();

    /** Base URL of the Prefect UI, for {@code ui_url} and {@code event.url}; none by default. */
    Optional<String> uiUrl();

    /** How action templates are rendered; their bounds are {@code vigil.templates.*} (service-support). */
    Templates templates();

    /** Retries of outgoing calls. */
    Retry retry();

    /** The Prefect-compatible orchestrator API that orchestrator actions call. */
    Orchestrator orchestrator();

    /** Base URL of Vigil's evaluator (the automations API), e.g. {@code http://127.0.0.1:8082}. */
    @WithDefault("http://127.0.0.1:8082")
    String evaluatorUrl();

    /** Timeout of calls to the evaluator's automations API (the block reference check). */
    @WithDefault("5s")
    Duration evaluatorTimeout();

    /** Per-target protection: concurrency bounds and rate limits. */
    Targets targets();

    /** Where notification blocks send, and how. */
    Notifications notifications();

    /** The blocks actions read, cached in memory. */
    BlockCacheSettings blockCache();

    /** How the delivery log groups the writes of concurrently running actions. */
    DeliveryLogSettings deliveryLog();

    /**
     * How arriving action messages are taken together: one Redis call claims them, one statement opens their
     * executions, one producer hop sends their triggered events.
     */
    ActionBatchSettings actionBatch();

    /** Largest page of {@code GET /api/actions/executions} and {@code GET /api/incidents}. */
    @WithDefault("200")
    int maxPageSize();

    interface Egress {
        /**
         * The loopback, private, link-local, multicast and reserved addresses user-configured calls may reach
         * all the same: CIDR ranges ({@code 10.20.0.0/16}, {@code ::1/128}) and targets ({@code host:port},
         * the host as the URL writes it). Empty by default: every such address is refused.
         */
        Optional<java.util.List<String>> allow();
    }

    interface Secrets {
        /**
         * The current key (32 random bytes, base64; {@code VIGIL_SECRETS_KEY}): every secret is sealed with
         * it. The actuator does not start without one.
         */
        Optional<String> key();

        /**
         * Earlier keys, comma-separated ({@code VIGIL_SECRETS_OLD_KEYS}): values sealed with them still open,
         * and are sealed again with the current key at start-up and on every write.
         */
        Optional<java.util.List<String>> oldKeys();
    }

    interface BlockCacheSettings {
        /**
         * How long an action may use a block as read: a change made through another replica reaches this
         * one's actions at most this late (a change through this replica at once). 0 turns the cache off.
         */
        @WithDefault("5s")
        Duration ttl();

        /** Most blocks kept; past this the cache starts over empty. */
        @WithDefault("10000")
        int maxEntries();
    }

    interface ActionBatchSettings {
        /** Longest an arriving message waits for others to share its batch. */
        @WithDefault("1ms")
        Duration window();

        /** Most messages in one batch; a full batch starts at once. */
        @WithDefault("256")
        int maxSize();
    }

    interface DeliveryLogSettings {
        /** Longest a delivery-log write waits for others to share its statement. */
        @WithDefault("2ms")
        Duration batchWindow();

        /** Most rows in one statement; a full batch is written at once. */
        @WithDefault("128")
        int batchSize();
    }

    interface Notifications {
        /** PagerDuty's Events API v2 enqueue endpoint. */
        @WithDefault("https://events.pagerduty.com/v2/enqueue")
        String pagerdutyUrl();

        /** Twilio's REST API base; messages go to {@code <base>/2010-04-01/Accounts/<sid>/Messages.json}. */
        @WithDefault("https://api.twilio.com")
        String twilioUrl();

        /** Discord's webhook base; messages go to {@code <base>/<webhook_id>/<webhook_token>}. */
        @WithDefault("https://discord.com/api/webhooks")
        String discordUrl();

        /** Longest wait for the SMTP server to accept one email. */
        @WithDefault("30s")
        Duration emailTimeout();

        /** Longest PagerDuty summary (the API's own limit). */
        @WithDefault("1024")
        int pagerdutySummaryChars();
    }

    interface Templates {
        /**
         * Longest template rendered on the event loop rather than a worker thread, when it has no
         * statement ({@code {%}): only expressions, each capped by the string, range and collection limits.
         */
        @WithDefault("512")
        int inlineMaxChars();
    }

    interface Retry {
        /** Limits for action types without their own. */
        @WithName("default")
        RetryLimits defaults();

        /** Limits by action type, e.g. {@code vigil.actuator.retry.types."send-notification".max-attempts}. */
        Map<String, RetryOverride> types();

        /** The longest {@code Retry-After} honoured; longer ones are cut to this. */
        @WithDefault("5M")
        Duration maxRetryAfter();

        /** How parked retries are taken back (docs/actions.md#retries). */
        RetryPoll poll();
    }

    /**
     * The retry poller: an action whose call failed retryably is parked in the delivery log (its message is
     * acknowledged) and this poller runs it again once its backoff is over.
     */
    interface RetryPoll {
        /** How often due retries are looked for (a retry runs up to this late). */
        @WithDefault("250ms")
        Duration interval();

        /** Most due retries taken in one poll. */
        @WithDefault("256")
        int batchSize();

        /** Most due retries of one workspace taken in one poll, so one workspace's backlog cannot fill a poll. */
        @WithDefault("32")
        int perWorkspace();

        /**
         * While a workspace has more due retries than a poll took of it (its share), the next poll comes this soon
         * instead of at the interval, and skips the query while every such workspace still runs its share: a busy
         * workspace's parked actions drain at the speed its share runs, not one share per interval.
         */
        @WithDefault("20ms")
        Duration refillDelay();

        /**
         * A due retry whose target's circuit is open on this replica is not run: its attempt is logged as refused and
         * it is parked for the next one, in one statement per poll, without a claim, a lease or a running slot (the
         * last attempt runs as usual, and dead-letters the action). The schedule of attempts stays as it was.
         */
        @WithDefault("true")
        boolean skipOpenCircuits();

        /** Most retries this replica runs at once; no poll while that many are running. */
        @WithDefault("512")
        int maxInFlight();

        /**
         * A retry being run is leased this long; a replica that crashed mid-retry leaves it due again after it. Twice
         * the claim TTL by default, so the lease outlasts the crashed owner's claim.
         */
        @WithDefault("40s")
        Duration lease();
    }

    interface RetryLimits {
        /** Attempts in all, the first included. */
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        @WithDefault("2.0")
        double multiplier();

        /** Random spread of each backoff, as a fraction of it (0.2 = ±20 %). */
        @WithDefault("0.2")
        double jitter();
    }

    interface RetryOverride {
        Optional<Integer> maxAttempts();

        Optional<Duration> initialBackoff();

        Optional<Duration> maxBackoff();
    }

    interface Targets {
        /** Most calls in flight to one host and port, so a slow target cannot take every connection. */
        @WithDefault("16")
        int maxConcurrency();

        /** Rate limits by host name, e.g. {@code vigil.actuator.targets.rate-limits."hooks.slack.com".per-second=1}. */
        Map<String, RateLimit> rateLimits();

        /** The circuit breaker of each target (host and port), per replica. */
        Circuit circuit();
    }

    interface Circuit {
        /** Off, every attempt goes to the network. */
        @WithDefault("true")
        boolean enabled();

        /** Consecutive retryable failures (no answer, timeout, 5xx, 429) of a target that open its circuit. */
        @WithDefault("5")
        int failureThreshold();

        /**
         * How long an open circuit refuses attempts (each counts as a failed retryable attempt of its action)
         * before one probe call goes through: its success closes the circuit, its failure opens it again.
         */
        @WithDefault("10s")
        Duration cooldown();
    }

    interface RateLimit {
        /** Calls per second allowed on average; excess calls wait their turn, none is dropped. */
        double perSecond();

        /** Calls allowed at once after a quiet period. */
        @WithDefault("1")
        int burst();
    }

    interface Orchestrator {
        /** Base URL of the API, e.g. {@code http://127.0.0.1:4200/api}; orchestrator actions fail without it. */
        Optional<String> url();

        /** Sent as {@code Authorization: Bearer <key>} when set. Never logged. */
        Optional<String> apiKey();

        /** Variables read per {@code POST /variables/filter} page, for templates that name {@code variables}. */
        @WithDefault("200")
        int variablePageSize();

        /** Most variables read for one action (Prefect allows this many per workspace). */
        @WithDefault("1000")
        int maxVariables();
    }
}
