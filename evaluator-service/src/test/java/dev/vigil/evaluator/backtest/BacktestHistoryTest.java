package dev.vigil.evaluator.backtest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.vigil.evaluator.support.IngestStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code {"automation", "since", "until"}}: a backtest over the history ingest stores, with WireMock as ingest. */
@QuarkusTest
@QuarkusTestResource(IngestStub.class)
class BacktestHistoryTest {

    private static final String AUTOMATION = """
            {"name": "history", "trigger": {"posture": "Reactive", "expect": ["pinged"],
              "threshold": 3, "within": 60}, "actions": [{"type": "do-nothing"}]}""";

    private static final String REQUEST = """
            {"automation": %s, "since": "2026-01-01T00:00:00Z", "until": "2026-01-01T01:00:00Z"}"""
            .formatted(AUTOMATION);

    @BeforeEach
    void reset() {
        IngestStub.SERVER.resetAll();
    }

    private static String event(UUID id, String occurred) {
        return """
                {"id": "%s", "occurred": "%s", "received": "%s", "event": "pinged",
                 "resource": {"prefect.resource.id": "svc"}, "related": [], "payload": {}}"""
                .formatted(id, occurred, occurred);
    }

    private static String page(List<String> events, long total, String next) {
        return """
                {"events": [%s], "total": %d, "next_page": %s}""".formatted(String.join(",", events), total,
                next == null ? "null" : "\"" + next + "\"");
    }

    @Test
    void storedHistoryIsReplayedPageByPageOldestFirst() {
        UUID third = UUID.randomUUID();
        // next_page carries ingest's public URL; only its token is used, against the configured ingest URL.
        IngestStub.SERVER.stubFor(post(urlEqualTo("/api/events/filter")).willReturn(okJson(page(List.of(
                        event(UUID.randomUUID(), "2026-01-01T00:00:10Z"),
                        event(UUID.randomUUID(), "2026-01-01T00:00:20Z")), 3,
                "http://gateway.example/api/events/filter/next?page-token=abc%3D%3D"))));
        IngestStub.SERVER.stubFor(get(urlEqualTo("/api/events/filter/next?page-token=abc%3D%3D"))
                .willReturn(okJson(page(List.of(event(third, "2026-01-01T00:00:30Z")), 3, null))));

        given().contentType(ContentType.JSON).body(REQUEST).post("/api/automations/backtest").then().statusCode(200)
                // The third ping fires; the quiet window after it resolves the firing within the hour.
                .body("firings.state", contains("Triggered", "Resolved"))
                .body("firings[0].triggering_event_id", org.hamcrest.Matchers.equalTo(third.toString()));
        IngestStub.SERVER.verify(postRequestedFor(urlEqualTo("/api/events/filter"))
                .withRequestBody(matchingJsonPath("$.filter.occurred.since", equalTo("2026-01-01T00:00:00Z")))
                .withRequestBody(matchingJsonPath("$.filter.occurred.until", equalTo("2026-01-01T01:00:00Z")))
                .withRequestBody(matchingJsonPath("$.filter.order", equalTo("ASC")))
                // Only the events the trigger can look at are read.
                .withRequestBody(matchingJsonPath("$.filter.event.prefix[0]", equalTo("pinged")))
                .withRequestBody(matchingJsonPath("$.filter.event.prefix.length()", equalTo("1"))));
    }

    @Test
    void theWorkspaceIsForwardedAsPrefectCloudsPathPrefix() {
        UUID workspace = UUID.randomUUID();
        IngestStub.SERVER.stubFor(post(urlPathEqualTo(
                        "/api/accounts/00000000-0000-0000-0000-000000000000/workspaces/" + workspace + "/events/filter"))
                .willReturn(okJson(page(List.of(), 0, null))));
        given().contentType(ContentType.JSON).body(REQUEST)
                .post("/api/accounts/" + UUID.randomUUID() + "/workspaces/" + workspace + "/automations/backtest")
                .then().statusCode(200).body("firings", org.hamcrest.Matchers.hasSize(0));
    }

    @Test
    void aRangeOverTheEventCapIs413BeforeAnyPageIsRead() {
        IngestStub.SERVER.stubFor(post(urlEqualTo("/api/events/filter"))
                .willReturn(okJson(page(List.of(), 100_001, "http://x/api/events/filter/next?page-token=t"))));
        given().contentType(ContentType.JSON).body(REQUEST).post("/api/automations/backtest").then().statusCode(413)
                .body("detail", containsString("at most 100000 events"));
        IngestStub.SERVER.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/events/filter/next")));
    }

    @Test
    void anIngestErrorIs502() {
        IngestStub.SERVER.stubFor(post(urlEqualTo("/api/events/filter")).willReturn(aResponse().withStatus(500)));
        given().contentType(ContentType.JSON).body(REQUEST).post("/api/automations/backtest").then().statusCode(502)
                .contentType(ContentType.JSON)
                .body("detail", containsString("answered 500"));
    }

    @Test
    void anUnreachableIngestIs503() {
        IngestStub.SERVER.stubFor(post(urlEqualTo("/api/events/filter"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().contentType(ContentType.JSON).body(REQUEST).post("/api/automations/backtest").then().statusCode(503)
                .contentType(ContentType.JSON)
                .body("detail", containsString("unavailable"));
    }

    @Test
    void eventsAndSinceTogetherAre422() {
        given().contentType(ContentType.JSON).body("""
                        {"automation": %s, "since": "2026-01-01T00:00:00Z", "events": [],
                         "until": "2026-01-01T01:00:00Z"}""".formatted(AUTOMATION))
                .post("/api/automations/backtest").then().statusCode(422)
                .body("exception_detail[0].loc", contains("body", "events"));
    }
}
