package dev.vigil.support.concurrent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the in-process queues of changes to one row ({@link KeyedSequencer}), under {@code vigil.row-queue}. */
@ConfigMapping(prefix = "vigil.row-queue")
public interface RowQueueConfig {

    /**
     * Longest a change keeps the next change of its row waiting in this process. Past it the next one starts and
     * waits for the row lock in the database instead. Well above a healthy change's time, busy box included.
     */
    @WithDefault("20s")
    Duration longestTurn();

    /** A sequencer with these settings. */
    default <K> KeyedSequencer<K> sequencer() {
        return new KeyedSequencer<>(longestTurn());
    }
}
