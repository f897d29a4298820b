package dev.vigil.ingest.trace;

import static dev.vigil.ingest.trace.IngestRoutes.CALLER;
import static dev.vigil.ingest.trace.IngestRoutes.CALLER_SPAN;
import static dev.vigil.ingest.trace.IngestRoutes.CALLER_TRACE;
import static dev.vigil.ingest.trace.IngestRoutes.ofResource;
import static dev.vigil.ingest.trace.IngestRoutes.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.model.messaging.Topics;
import dev.vigil.support.trace.Traces;
import dev.vigil.testsupport.kafka.TopicReader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Tracing on: whichever way an event comes in, its record on the real {@code events} topic carries the context of
 * a server span of ingest's (the HTTP request's, or for the websocket the event's own {@code vigil.events.in}),
 * whose parent is the caller's {@code traceparent} (the handshake's for the websocket), or which starts a trace
 * when the caller sent none.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
class TracedIngestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/api/events/in")
    URI in;

    @Inject
    CapturedSpans spans;

    @Test
    void aRestBatchContinuesTheCallersTraceUnderItsServerSpan() {
        String traced = resource();
        String untraced = resource();
        try (TopicReader events = new TopicReader(bootstrap, Topics.EVENTS)) {
            IngestRoutes.rest(traced, CALLER);
            IngestRoutes.rest(untraced, null);
            assertContinuesTheCaller(traceparentOf(events, traced));
            assertStartsATrace(traceparentOf(events, untraced));
        }
    }

    @Test
    void aHookCallContinuesTheCallersTraceUnderItsServerSpan() {
        String traced = resource();
        String untraced = resource();
        try (TopicReader events = new TopicReader(bootstrap, Topics.EVENTS)) {
            IngestRoutes.hook(traced, CALLER);
            IngestRoutes.hook(untraced, null);
            assertContinuesTheCaller(traceparentOf(events, traced));
            assertStartsATrace(traceparentOf(events, untraced));
            String failure = IngestRoutes.refusedHook(CALLER);
            assertContinuesTheCaller(events.awaitReceived(IngestRoutes.failureOf(failure), WAIT).header(Traces.HEADER));
        }
    }

    @Test
    void aWebsocketsEventContinuesTheHandshakesTraceUnderASpanOfItsOwn() throws Exception {
        String traced = resource();
        String untraced = resource();
        try (TopicReader events = new TopicReader(bootstrap, Topics.EVENTS)) {
            IngestRoutes.socket(in, traced, CALLER);
            IngestRoutes.socket(in, untraced, null);
            assertThat(assertContinuesTheCaller(traceparentOf(events, traced)).getName()).isEqualTo("vigil.events.in");
            assertThat(assertStartsATrace(traceparentOf(events, untraced)).getName()).isEqualTo("vigil.events.in");
        }
    }

    /** The record's context: the caller's trace, under a server span of ingest's whose parent is the caller's. */
    private SpanData assertContinuesTheCaller(String traceparent) {
        assertThat(traceparent).matches("00-" + CALLER_TRACE + "-[0-9a-f]{16}-01");
        SpanData span = exported(traceparent);
        assertThat(span.getParentSpanId()).as("its parent: the caller's span").isEqualTo(CALLER_SPAN);
        return span;
    }

    /** The record's context: a new trace, whose root is a server span of ingest's. */
    private SpanData assertStartsATrace(String traceparent) {
        assertThat(Traces.valid(traceparent)).as("a traceparent").isNotNull();
        assertThat(traceparent).doesNotContain(CALLER_TRACE);
        SpanData span = exported(traceparent);
        assertThat(span.getParentSpanContext().isValid()).as("a root span").isFalse();
        return span;
    }

    /** The span whose context {@code traceparent} is: a server span, exported. */
    private SpanData exported(String traceparent) {
        String spanId = traceparent.split("-")[2];
        SpanData span = await("the span " + spanId + " exported").atMost(WAIT)
                .until(() -> spans.span(spanId).orElse(null), found -> found != null);
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getTraceId()).isEqualTo(traceparent.split("-")[1]);
        return span;
    }

    private static String traceparentOf(TopicReader events, String resource) {
        return events.awaitReceived(ofResource(resource), WAIT).header(Traces.HEADER);
    }
}
