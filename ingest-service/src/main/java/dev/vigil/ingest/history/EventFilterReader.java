package dev.vigil.ingest.history;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.config.IngestConfig;
import dev.vigil.support.error.FieldProblem;
import dev.vigil.support.error.ValidationProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Reads history request bodies: unknown keys inside a filter are 422 (as in Prefect), an empty body
 * means no filter, and a missing {@code occurred} window gets Prefect's defaults (since the start of
 * today minus the configured look-back, until now), so later pages see the same window.
 */
@ApplicationScoped
public class EventFilterReader {

    private final ObjectMapper strict;
    private final IngestConfig.History config;
    private final Clock clock = Clock.systemUTC();

    public EventFilterReader(ObjectMapper json, IngestConfig config) {
        this.strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.config = config.history();
    }

    <T> T read(byte[] body, Class<T> type) throws IOException {
        if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return strict.readValue("{}", type);
        }
        return strict.readValue(body, type);
    }

    /** A filter sent inside another message (the websocket's), with unknown keys rejected. */
    public EventFilter filterOf(com.fasterxml.jackson.databind.JsonNode node) throws IOException {
        return node == null || node.isNull() ? EventFilter.empty() : strict.treeToValue(node, EventFilter.class);
    }

    EventFilter complete(EventFilter filter) {
        EventFilter given = filter == null ? EventFilter.empty() : filter;
        if (given.text() != null && given.text().query() != null
                && given.text().query().length() > FilterRequests.MAX_TEXT_QUERY) {
            throw new ValidationProblemException(FieldProblem.body("String should have at most "
                    + FilterRequests.MAX_TEXT_QUERY + " characters", "string_too_long", "filter", "text", "query"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        EventFilter.Occurred window = given.occurred();
        OffsetDateTime since = window == null || window.since() == null
                ? now.truncatedTo(ChronoUnit.DAYS).minus(config.defaultLookback()) : window.since();
        OffsetDateTime until = window == null || window.until() == null ? now : window.until();
        return given.withOccurred(new EventFilter.Occurred(since.withOffsetSameInstant(ZoneOffset.UTC),
                until.withOffsetSameInstant(ZoneOffset.UTC)));
    }
}
