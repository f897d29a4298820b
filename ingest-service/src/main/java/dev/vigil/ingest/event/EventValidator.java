package dev.vigil.ingest.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.model.event.Event;
import dev.vigil.model.event.RelatedResource;
import dev.vigil.model.event.Resource;
import dev.vigil.support.error.FieldProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Checks events against Prefect's rules (limits from {@link IngestConfig.Limits}) before they are accepted. */
@ApplicationScoped
public class EventValidator {

    private static final long REWRITE_SLACK_BYTES = 4096;
    /** The range of Prefect's (Python's) datetimes; PostgreSQL's is wider. */
    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;
    private static final int MAX_INDEXED_BYTES = 2048;

    private final IngestConfig.Limits limits;
    private final ObjectMapper json;

    public EventValidator(IngestConfig config, ObjectMapper json) {
        this.limits = config.limits();
        this.json = json;
    }

    /** Every problem in the batch, each located by the event's index and field. */
    public List<FieldProblem> problems(List<Event> events) {
        return problems(events, Long.MAX_VALUE);
    }

    /**
     * Every problem in a batch read from {@code bodyBytes} bytes of JSON. An event written out again
     * is at most {@value #REWRITE_SLACK_BYTES} bytes longer than it was read (defaults for absent fields,
     * timestamps in full), so in a body that much below the size limit no event can be over it, and
     * none is written out to be measured.
     */
    public List<FieldProblem> problems(List<Event> events, long bodyBytes) {
        boolean measure = bodyBytes + REWRITE_SLACK_BYTES > limits.maxEventBytes();
        List<FieldProblem> problems = new ArrayList<>();
        if (events == null) {
            problems.add(FieldProblem.body("Input should be a valid list", "list_type"));
            return problems;
        }
        for (int i = 0; i < events.size(); i++) {
            check(events.get(i), problems, measure, i);
        }
        return problems;
    }

    /** The problems of one event; {@code path} locates it in the request body. */
    public List<FieldProblem> problems(Event event, Object... path) {
        List<FieldProblem> problems = new ArrayList<>();
        check(event, problems, true, path);
        return problems;
    }

    private void check(Event event, List<FieldProblem> problems, boolean measure, Object... at) {
        if (event == null) {
            problems.add(FieldProblem.body("Input should be an object", "model_type", at));
            return;
        }
        if (event.id() == null) {
            problems.add(FieldProblem.body("Field required", "missing", path(at, "id")));
        }
        if (event.occurred() == null) {
            problems.add(FieldProblem.body("Field required", "missing", path(at, "occurred")));
        }
        if (event.event() == null || event.event().isEmpty()) {
            problems.add(FieldProblem.body("Field required", "missing", path(at, "event")));
        } else if (event.event().length() > limits.maxNameLength()) {
            problems.add(FieldProblem.body("Event name must be at most " + limits.maxNameLength() + " characters",
                    "string_too_long", path(at, "event")));
        }
        checkResource(event.resource(), problems, path(at, "resource"));
        if (event.related().size() > limits.maxRelated()) {
            problems.add(FieldProblem.body("At most " + limits.maxRelated() + " related resources are allowed",
                    "too_long", path(at, "related")));
        }
        for (int r = 0; r < event.related().size(); r++) {
            RelatedResource related = event.related().get(r);
            Object[] where = path(at, "related", r);
            checkResource(related, problems, where);
            if (related != null && isBlank(related.role())) {
                problems.add(FieldProblem.body("Related resources must have a prefect.resource.role label",
                        "value_error", where));
            }
        }
        checkIndexable(event, problems, at);
        checkStorable(event, problems, at);
        if (problems.isEmpty() && measure) {
            long size = serializedSize(event);
            if (size > limits.maxEventBytes()) {
                problems.add(FieldProblem.body("Event is " + size + " bytes; at most " + limits.maxEventBytes()
                        + " are allowed", "too_large", at));
            }
        }
    }

    /**
     * The event name and the resource id are indexed, and an index entry holds about 2.7 kB: longer
     * values (possible with Prefect's 1024-character names in a multi-byte script) are refused.
     */
    private static void checkIndexable(Event event, List<FieldProblem> problems, Object[] at) {
        if (utf8Length(event.event()) > MAX_INDEXED_BYTES) {
            problems.add(FieldProblem.body("Event name must be at most " + MAX_INDEXED_BYTES + " bytes in UTF-8",
                    "string_too_long", path(at, "event")));
        }
        if (event.resource() != null && utf8Length(event.resource().id()) > MAX_INDEXED_BYTES) {
            problems.add(FieldProblem.body("prefect.resource.id must be at most " + MAX_INDEXED_BYTES
                    + " bytes in UTF-8", "string_too_long", path(at, "resource", Resource.ID)));
        }
    }

    private static int utf8Length(String value) {
        return value == null ? 0 : value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** What PostgreSQL cannot store would poison every batch it travels in: refuse it here. */
    private static void checkStorable(Event event, List<FieldProblem> problems, Object[] at) {
        if (event.occurred() != null && (event.occurred().getYear() < MIN_YEAR || event.occurred().getYear() > MAX_YEAR)) {
            problems.add(FieldProblem.body("Datetime must be between years " + MIN_YEAR + " and " + MAX_YEAR,
                    "datetime_range", path(at, "occurred")));
        }
        nul(event.event(), problems, path(at, "event"));
        if (event.resource() != null) {
            nul(event.resource().labels(), problems, path(at, "resource"));
        }
        for (int r = 0; r < event.related().size(); r++) {
            if (event.related().get(r) != null) {
                nul(event.related().get(r).labels(), problems, path(at, "related", r));
            }
        }
        nul(event.payload(), problems, path(at, "payload"));
    }

    private static void nul(Object value, List<FieldProblem> problems, Object[] at) {
        NulCharacters.find(value).ifPresent(inside -> problems.add(FieldProblem.body(
                "Text must not contain the NUL character (\\u0000)", "string_nul", path(at, inside.toArray()))));
    }

    private void checkResource(Resource resource, List<FieldProblem> problems, Object[] path) {
        if (resource == null) {
            problems.add(FieldProblem.body("Field required", "missing", path));
            return;
        }
        if (isBlank(resource.id())) {
            problems.add(FieldProblem.body("Resources must include the prefect.resource.id label", "value_error",
                    path));
        }
        if (resource.labels().size() > limits.maxLabels()) {
            problems.add(FieldProblem.body("At most " + limits.maxLabels() + " labels are allowed", "too_long", path));
        }
    }

    private long serializedSize(Event event) {
        ByteCounter counter = new ByteCounter();
        try {
            json.writeValue(counter, event);
        } catch (IOException e) {
            throw new IllegalStateException("an event read from JSON must be writable as JSON", e);
        }
        return counter.count;
    }

    private static Object[] path(Object[] prefix, Object... more) {
        Object[] all = new Object[prefix.length + more.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(more, 0, all, prefix.length, more.length);
        return all;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Counts the bytes written and keeps none. */
    private static final class ByteCounter extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
