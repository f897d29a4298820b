package dev.vigil.ingest.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.metrics.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ingest's counters at {@code /q/metrics}: accepted events, and refused ones by reason; the consumer lag gauge. */
@QuarkusTest
class IngestMetricsTest {

    private static final String ACCEPTED = "vigil_events_accepted_total";
    private static final String REFUSED = "vigil_events_refused_total";
    private static final Map<String, String> INVALID = Map.of("reason", "invalid");

    private static String event(String resourceId) {
        return """
                {"id": "%s", "occurred": "2026-01-01T00:00:00Z", "event": "metrics.test",
                 "resource": {"prefect.resource.id": "%s"}}""".formatted(UUID.randomUUID(), resourceId);
    }

    @Test
    void acceptedAndRefusedEventsAreCounted() {
        Scrape before = Scrape.now();
        given().contentType(ContentType.JSON).body("[" + event("m.1") + "," + event("m.2") + "]")
                .post("/api/events").then().statusCode(204);
        String bad = event("m.3").replace("\"prefect.resource.id\"", "\"x\"");
        given().contentType(ContentType.JSON).body("[" + event("m.4") + "," + bad + "]")
                .post("/api/events").then().statusCode(422);
        given().contentType(ContentType.JSON).body("[" + event("m.5") + "," + bad + "]")
                .post("/api/events?partial=true").then().statusCode(200);
        given().contentType(ContentType.JSON).body("null").post("/api/events").then().statusCode(422);
        Scrape after = Scrape.now();

        assertThat(after.value(ACCEPTED) - before.value(ACCEPTED)).isEqualTo(3);
        // The whole all-or-nothing batch (2), the one bad event of the partial one, and the body that is no list.
        assertThat(after.value(REFUSED, INVALID) - before.value(REFUSED, INVALID)).isEqualTo(4);
        assertThat(after.has(REFUSED, Map.of("reason", "rate_limited"))).isTrue();
        assertThat(after.has(REFUSED, Map.of("reason", "broker_unavailable"))).isTrue();
        assertThat(after.text()).doesNotContain("m__");
    }

    @Test
    void theConsumerLagAndDeadLettersOfThePersisterAreExported() {
        Scrape scrape = Scrape.now();
        assertThat(scrape.has("vigil_consumer_lag", Map.of("channel", "events-persist"))).isTrue();
        assertThat(scrape.has("vigil_dead_letters_total", Map.of("channel", "events-persist"))).isTrue();
    }
}
