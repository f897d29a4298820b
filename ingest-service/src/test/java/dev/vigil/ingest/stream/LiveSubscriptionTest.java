package dev.vigil.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.history.EventFilter;
import dev.vigil.ingest.history.EventFilterMatcher;
import dev.vigil.model.event.ReceivedEvent;
import dev.vigil.model.event.Resource;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The per-client bound: buffered or unsent frames never exceed the limit; the client is dropped instead. */
class LiveSubscriptionTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final int LIMIT = 3;

    private final List<UUID> sent = new ArrayList<>();
    private final List<String> drops = new ArrayList<>();

    private static ReceivedEvent event() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new ReceivedEvent(now, "e", Resource.of("r"), List.of(), Map.of(), UUID.randomUUID(), null, now);
    }

    private LiveSubscription subscription(boolean sendsComplete) {
        return new LiveSubscription(WORKSPACE, new EventFilterMatcher(EventFilter.empty()), e -> {
            sent.add(e.id());
            return sendsComplete ? Uni.createFrom().voidItem() : Uni.createFrom().nothing();
        }, drops::add, LIMIT);
    }

    @Test
    void aClientThatStopsReadingIsDroppedOnceWithAReason() {
        LiveSubscription subscription = subscription(false);
        subscription.goLive(Set.of());
        for (int i = 0; i < LIMIT + 5; i++) {
            subscription.offer(WORKSPACE, event());
        }
        assertThat(sent).hasSize(LIMIT);
        assertThat(drops).containsExactly("Client too slow: more than 3 events unsent");
        assertThat(subscription.isDropped()).isTrue();
    }

    @Test
    void aFastClientIsNeverDropped() {
        LiveSubscription subscription = subscription(true);
        subscription.goLive(Set.of());
        for (int i = 0; i < LIMIT * 10; i++) {
            subscription.offer(WORKSPACE, event());
        }
        assertThat(sent).hasSize(LIMIT * 10);
        assertThat(drops).isEmpty();
    }

    @Test
    void eventsDuringBackfillWaitAndSkipWhatTheBackfillSent() {
        LiveSubscription subscription = subscription(true);
        ReceivedEvent duplicate = event();
        ReceivedEvent fresh = event();
        subscription.offer(WORKSPACE, duplicate);
        subscription.offer(WORKSPACE, fresh);
        subscription.offer(UUID.randomUUID(), event());
        assertThat(sent).isEmpty();
        subscription.goLive(Set.of(duplicate.id()));
        assertThat(sent).containsExactly(fresh.id());
    }

    @Test
    void tooManyEventsDuringBackfillDropTheClient() {
        LiveSubscription subscription = subscription(true);
        for (int i = 0; i <= LIMIT; i++) {
            subscription.offer(WORKSPACE, event());
        }
        assertThat(drops).hasSize(1);
    }
}
