package dev.vigil.support.event;

import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One producer callback shared by every record of a batch: completes the batch's Uni once the broker
 * has acknowledged them all, or fails it at the first record it refused. Callbacks arrive on the
 * producer's network thread, hence the atomics.
 */
final class BrokerAcknowledgements implements Callback {

    private final AtomicInteger awaited;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final UniEmitter<? super Void> batch;

    BrokerAcknowledgements(int records, UniEmitter<? super Void> batch) {
        this.awaited = new AtomicInteger(records);
        this.batch = batch;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception failure) {
        if (failure != null) {
            fail(failure);
        } else if (awaited.decrementAndGet() == 0 && settled.compareAndSet(false, true)) {
            batch.complete(null);
        }
    }

    /** A record that could not even be handed to the producer fails the batch as a refusal would. */
    void fail(Throwable failure) {
        if (settled.compareAndSet(false, true)) {
            batch.fail(failure);
        }
    }
}
