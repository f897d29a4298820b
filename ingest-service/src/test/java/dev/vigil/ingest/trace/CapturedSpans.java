package dev.vigil.ingest.trace;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The spans the service exports, kept in memory: Quarkus exports to every {@link SpanExporter} bean. Used only
 * while tracing is on ({@link TracingOn}); with the SDK disabled nothing reaches it.
 */
@Singleton
@Unremovable
public class CapturedSpans implements SpanExporter {

    private final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> exported) {
        spans.addAll(exported);
        return CompletableResultCode.ofSuccess();
    }

    /** The span of this id, once exported. */
    public Optional<SpanData> span(String spanId) {
        return spans.stream().filter(span -> span.getSpanId().equals(spanId)).findFirst();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
