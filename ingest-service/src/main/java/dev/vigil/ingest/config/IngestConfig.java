package dev.vigil.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the ingest service, under {@code vigil.ingest}. */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestConfig {

    /** What 503 replies tell clients to wait before retrying, when the broker is unavailable. */
    @WithDefault("5s")
    Duration retryAfter();

    /** Retries of a batch insert before the batch goes to the dead-letter topic. */
    @WithDefault("8")
    long persistRetries();

    /** First back-off between batch insert retries (doubles each time). */
    @WithDefault("200ms")
    Duration persistRetryBackoff();
}
