package dev.vigil.ingest.trace;

import static dev.vigil.ingest.trace.IngestRoutes.CALLER;
import static dev.vigil.ingest.trace.IngestRoutes.ofResource;
import static dev.vigil.ingest.trace.IngestRoutes.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.messaging.Topics;
import dev.vigil.support.trace.Traces;
import dev.vigil.testsupport.kafka.TopicReader;
import dev.vigil.testsupport.kafka.TopicReader.Received;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Tracing off (the test profile has no {@code VIGIL_OTLP_ENDPOINT}): whichever way an event comes in, a REST batch,
 * an incoming webhook (its failure event too) or the events websocket, its record on the real {@code events} topic
 * carries the caller's {@code traceparent} unchanged, and none when the caller sent none or an invalid one.
 */
@QuarkusTest
class TraceContextTest {

    private static final Duration RECORD_WAIT = Duration.ofSeconds(30);
    private static final String INVALID = "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/api/events/in")
    URI in;

    @Test
    void aRestBatchCarriesTheCallersTraceparentOnUnchanged() {
        String traced = resource();
        String untraced = resource();
        try (TopicReader events = new TopicReader(bootstrap, Topics.EVENTS)) {
            IngestRoutes.rest(traced, CALLER);
            IngestRoutes.rest(untraced, null);
            assertThat(traceparentOf(events, traced)).isEqualTo(CALLER);
            assertThat(traceparentOf(events, untraced)).isNull();
        }
    }

    @Test
    void aHookCallCarriesTheCallersTraceparentOnUnchanged() {
        String traced = resource();
        String untraced = resource();
        String invalid = resource();
        try (TopicReader events = new TopicReader(bootstrap, Topics.EVENTS)) {
            IngestRoutes.hook(traced, CALLER);
            IngestRoutes.hook(untraced, null);
            IngestRoutes.hook(invalid, INVALID);
            assertThat(traceparentOf(events, traced)).isEqualTo(CALLER);
            assertThat(traceparentOf(events, untraced)).isNull();
            assertThat(traceparentOf(events, invalid)).isNull();
        }
    }

    @Test
    void aRefusedHookCallsFailureEventCarriesTheCallersTraceparentOn() {
        try (TopicReader events = new TopicReader(bootstrap, Topics.EVENTS)) {
            String failure = IngestRoutes.refusedHook(CALLER);
            Received record = events.awaitReceived(IngestRoutes.failureOf(failure), RECORD_WAIT);
            assertThat(record.header(Traces.HEADER)).isEqualTo(CALLER);
        }
    }

    @Test
    void aWebsocketsEventsCarryTheHandshakesTraceparentOnUnchanged() throws Exception {
        String traced = resource();
        String untraced = resource();
        try (TopicReader events = new TopicReader(bootstrap, Topics.EVENTS)) {
            IngestRoutes.socket(in, traced, CALLER);
            IngestRoutes.socket(in, untraced, null);
            assertThat(traceparentOf(events, traced)).isEqualTo(CALLER);
            assertThat(traceparentOf(events, untraced)).isNull();
        }
    }

    private static String traceparentOf(TopicReader events, String resource) {
        return events.awaitReceived(ofResource(resource), RECORD_WAIT).header(Traces.HEADER);
    }
}
