package dev.vigil.console.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.chart.EventCounts;
import dev.vigil.console.chart.TimelineChart;
import dev.vigil.console.session.CurrentSession;
import dev.vigil.console.session.Session;
import dev.vigil.console.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events feed: a filter bar (name prefix, resource id prefix), the counts of the last hour as a chart,
 * and the newest events, which the page refreshes every few seconds (htmx polling of {@code /events/feed})
 * until paused.
 */
@Path("/events")
public class EventsResource {

    private static final int FEED_SIZE = 50;
    private static final Duration CHART_RANGE = Duration.ofHours(1);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(String prefix, String resource, boolean paused, String feedUrl,
                                            String pauseUrl, RawString chart, List<EventRow> events);

        static native TemplateInstance feed(List<EventRow> events);
    }

    private final ApiClient api;
    private final CurrentSession session;
    private final EventCounts counts;
    private final Clock clock = Clock.systemUTC();

    public EventsResource(ApiClient api, CurrentSession session, EventCounts counts) {
        this.api = api;
        this.session = session;
        this.counts = counts;
    }

    @GET
    public Uni<Response> page(@QueryParam("prefix") String prefix, @QueryParam("resource") String resource,
                              @QueryParam("paused") boolean paused) {
        Session user = session.require();
        String name = clean(prefix);
        String resourceId = clean(resource);
        ObjectNode filter = filter(name, resourceId);
        Instant now = clock.instant();
        String query = query(name, resourceId);
        String feedUrl = "/events/feed" + (query.isEmpty() ? "" : "?" + query);
        String pauseUrl = paused ? "/events" + (query.isEmpty() ? "" : "?" + query)
                : "/events?" + (query.isEmpty() ? "" : query + "&") + "paused=true";
        return Uni.combine().all().unis(recent(user, filter), counts.count(user, filter, now.minus(CHART_RANGE), now))
                .asTuple().map(both -> Pages.html(Templates.page(name, resourceId, paused, feedUrl,
                        pauseUrl,
                        TimelineChart.render("events-chart", now.minus(CHART_RANGE), now, both.getItem2(), List.of(),
                                false), both.getItem1())));
    }

    /** The newest events alone: the fragment the page polls. */
    @GET
    @Path("feed")
    public Uni<Response> feed(@QueryParam("prefix") String prefix, @QueryParam("resource") String resource) {
        Session user = session.require();
        return recent(user, filter(clean(prefix), clean(resource))).map(events -> Pages.html(Templates.feed(events)));
    }

    private Uni<List<EventRow>> recent(Session user, ObjectNode filter) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("filter", filter);
        body.put("limit", FEED_SIZE);
        return api.post(user, VigilService.INGEST, "/events/filter", body).map(answer -> {
            List<EventRow> rows = new ArrayList<>();
            for (JsonNode event : answer.orFail("reading events").body().path("events")) {
                rows.add(EventRow.of(event));
            }
            return rows;
        });
    }

    private static ObjectNode filter(String prefix, String resource) {
        ObjectNode filter = JsonNodeFactory.instance.objectNode();
        if (!prefix.isEmpty()) {
            filter.putObject("event").putArray("prefix").add(prefix);
        }
        if (!resource.isEmpty()) {
            filter.putObject("resource").putArray("id_prefix").add(resource);
        }
        return filter;
    }

    private static String query(String prefix, String resource) {
        List<String> parts = new ArrayList<>();
        if (!prefix.isEmpty()) {
            parts.add("prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
        }
        if (!resource.isEmpty()) {
            parts.add("resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    private static String clean(String value) {
        return value == null ? "" : value.trim();
    }
}
