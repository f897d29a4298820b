package dev.vigil.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the ingest service, under {@code vigil.ingest}. */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestConfig {

    /** What 503 replies tell clients to wait before retrying, when the broker is unavailable. */
    @WithDefault("5s")
    Duration retryAfter();

    /** First back-off between insert retries while the database is unavailable (doubles each time). */
    @WithDefault("200ms")
    Duration persistRetryBackoff();

    /** Longest back-off between insert retries: the persister retries for as long as the outage lasts. */
    @WithDefault("10s")
    Duration persistRetryMaxBackoff();

    /** Public base URL of the gateway, for absolute links ({@code next_page}, webhook {@code url}). */
    @WithDefault("http://127.0.0.1:4200")
    String publicUrl();

    /** Prefect's per-event limits. */
    Limits limits();

    /** Stored event history. */
    History history();

    /** Websocket streams of events. */
    Stream stream();

    /** Incoming webhooks. */
    Webhooks webhooks();

    interface Webhooks {
        /** Requests kept per webhook ({@code GET /api/webhooks/{id}/requests}); older ones are pruned. */
        @WithDefault("50")
        int historySize();

        /** Most bytes of a request body kept in the history; a longer body is kept truncated and marked so. */
        @WithDefault("262144")
        int historyBodyBytes();
    }

    interface Stream {
        /** How far back {@code /api/events/out} backfills, at most (Prefect: 15 minutes). */
        @WithDefault("15m")
        Duration maximumBackfill();

        /** Events read from the store per backfill page. */
        @WithDefault("250")
        int backfillPageSize();

        /** Frames a client may have unsent before it is dropped as too slow; bounds memory per client. */
        @WithDefault("256")
        int maxPendingFrames();

        /**
         * Events of one {@code /api/events/in} connection handed to the broker and not yet acknowledged.
         * A client sending faster than that is disconnected (1013, try again later) instead of growing
         * the server's memory; Prefect's client re-sends its unconfirmed events when it reconnects.
         */
        @WithDefault("1000")
        int maxInFlightPerConnection();
    }

    interface Limits {
        /** Longest event name, in characters. */
        @WithDefault("1024")
        int maxNameLength();

        /** Most labels on one resource (the primary or any related one). */
        @WithDefault("500")
        int maxLabels();

        /** Most related resources on one event. */
        @WithDefault("100")
        int maxRelated();

        /** Largest event, as the UTF-8 bytes of its JSON. */
        @WithDefault("1500000")
        int maxEventBytes();
    }

    interface History {
        /** How long stored events are kept. */
        @WithDefault("7d")
        Duration retention();

        /** How often expired events are deleted (read by the scheduler, e.g. {@code 1h}). */
        @WithDefault("1h")
        String vacuumEvery();

        /** Most rows one vacuum pass deletes, so a pass never holds long locks. */
        @WithDefault("10000")
        int vacuumBatchSize();

        /** Largest page of {@code POST /api/events/filter}. */
        @WithDefault("50")
        int maxPageSize();

        /** How far back {@code occurred.since} defaults, before the start of today. */
        @WithDefault("180d")
        Duration defaultLookback();

        /**
         * Longest label name or value of a primary resource kept in {@code ingest.event_labels} (btree entries have a
         * size limit); a filter naming a longer literal is tested on the events instead. Also the Flyway placeholder
         * {@code label_max_length} of its backfill (V6): lowering it is safe, raising it needs a new backfill.
         */
        @WithDefault("256")
        int labelMaxLength();

        /** Most buckets one {@code count-by/time} request may produce. */
        @WithDefault("1000")
        int maxTimeBuckets();

        /**
         * The HMAC key signing page tokens ({@code VIGIL_PAGE_TOKEN_KEY}, at least 32 characters). Without
         * one each replica signs with a random key of its own, so a token works only on the replica that made it.
         */
        Optional<String> pageTokenKey();
    }
}
