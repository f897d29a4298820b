package dev.vigil.support.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The W3C trace context ({@code traceparent}) carried from the ingest request, through the {@code events} and
 * {@code actions} topics (a record header), to the outgoing call of an action.
 * <p>
 * Tracing on ({@code VIGIL_OTLP_ENDPOINT} set, see {@code TracingConfigSource}): each hop starts a span whose parent
 * is the context it received, and carries its own span's context on. Tracing off (the OpenTelemetry SDK disabled):
 * no span is made, and a valid incoming {@code traceparent} is carried on unchanged, so a traced caller's trace still
 * reaches the webhook target; Vigil is then a hop that records nothing. Without an incoming one, nothing is carried
 * and nothing is allocated.
 */
@ApplicationScoped
public class Traces {

    /** The W3C header, in HTTP requests and Kafka records alike. */
    public static final String HEADER = "traceparent";

    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final int LENGTH = 55;
    private static final String INVALID_TRACE = "00000000000000000000000000000000";
    private static final String INVALID_SPAN = "0000000000000000";
    private static final String INSTRUMENTATION = "dev.vigil";

    private static final TextMapGetter<String> ONE_HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private final boolean enabled;
    private final Tracer tracer;

    public Traces(OpenTelemetry openTelemetry,
                  @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled) {
        this.enabled = !sdkDisabled;
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * What an incoming request carries on: the current span's context when tracing (the HTTP server span, whose
     * parent is the request's {@code traceparent}), else the request's own header if it is valid; null without one.
     */
    public String fromRequest(String incoming) {
        if (enabled) {
            String current = of(Span.current().getSpanContext());
            if (current != null) {
                return current;
            }
        }
        return valid(incoming);
    }

    /** A span for one unit of work (a firing, an action) under {@code parent}; an invalid, free span when off. */
    public Span start(String name, SpanKind kind, String parent) {
        if (!enabled || parent == null) {
            return Span.getInvalid();
        }
        Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), parent, ONE_HEADER);
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(context).startSpan();
    }

    /**
     * A server span for a request the HTTP server's instrumentation does not see (an event read from a websocket
     * frame): its parent is {@code incoming} (the {@code traceparent} of the websocket's handshake) when valid, else
     * it starts a trace, as the HTTP server span of a request without one does; an invalid, free span when off.
     */
    public Span startRequest(String name, String incoming) {
        if (!enabled) {
            return Span.getInvalid();
        }
        String parent = valid(incoming);
        Context context = parent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), parent, ONE_HEADER);
        return tracer.spanBuilder(name).setSpanKind(SpanKind.SERVER).setParent(context).startSpan();
    }

    /** What to carry on from {@code span}: its context when it is a real one, else {@code parent} unchanged. */
    public static String carry(Span span, String parent) {
        String own = of(span.getSpanContext());
        return own != null ? own : parent;
    }

    /** The {@code traceparent} of a span context; null for an invalid one. */
    public static String of(SpanContext context) {
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** {@code header} if it is a valid version-00 {@code traceparent}; null otherwise. */
    public static String valid(String header) {
        if (header == null || header.length() != LENGTH || !TRACEPARENT.matcher(header).matches()
                || header.startsWith(INVALID_TRACE, 3) || header.startsWith(INVALID_SPAN, 36)) {
            return null;
        }
        return header;
    }

    /** The {@code traceparent} of a Kafka record; null when it has none (or an invalid one). */
    public static String of(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        return header == null || header.value() == null ? null
                : valid(new String(header.value(), StandardCharsets.US_ASCII));
    }

    /** Adds {@code traceparent} to a record's headers, if there is one. */
    public static Headers addTo(Headers headers, String traceparent) {
        if (traceparent != null) {
            headers.add(HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return headers;
    }
}
