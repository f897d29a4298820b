package dev.vigil.ingest.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** Request bodies and the page token of the event history endpoints. Only {@code filter} is strict about its keys. */
final class FilterRequests {

    static final int DEFAULT_LIMIT = 50;
    static final double DEFAULT_INTERVAL = 1.0;
    static final double MIN_INTERVAL = 0.01;
    static final int MAX_TEXT_QUERY = 200;

    private FilterRequests() {
    }

    /** {@code POST /api/events/filter}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Page(EventFilter filter, Integer limit) {
    }

    /** {@code POST /api/events/count-by/{countable}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Count(EventFilter filter, TimeUnit timeUnit, Double timeInterval) {
    }

    /** What {@code next_page} links carry: the query with its window fixed, and where the next page starts. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Token(UUID workspace, EventFilter filter, long count, int pageSize, long offset) {
    }
}
