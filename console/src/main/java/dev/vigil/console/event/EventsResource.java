package dev.vigil.console.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.ApiFailureException;
import dev.vigil.console.automation.AutomationDetailPage;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.chart.EventCounts;
import dev.vigil.console.chart.TimelineChart;
import dev.vigil.console.session.CurrentSession;
import dev.vigil.console.session.Session;
import dev.vigil.console.web.Pages;
import dev.vigil.console.web.TimeRange;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The events feed: a filter bar (name prefix, resource id prefix, resource labels, time range), the counts
 * over the range as a chart, and the newest events in it, which the page refreshes every few seconds (htmx polling of {@code /events/feed})
 * until paused; one event's page, and explaining it against an automation.
 */
@Path("/events")
public class EventsResource {

    private static final int FEED_SIZE = 50;
    private static final TimeRange DEFAULT_RANGE = TimeRange.HOUR;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(String prefix, String resource, String labels, List<String> problems,
                                            String range, List<TimeRange> ranges, boolean paused, String feedUrl,
                                            String pauseUrl, RawString chart, List<EventRow> events);

        static native TemplateInstance feed(List<EventRow> events);

        static native TemplateInstance detail(EventRow event, List<RelatedRow> related, List<AutomationChoice> automations);
    }

    /** A related resource of an event: its role, id and other labels. */
    public record RelatedRow(String role, String id, String labels) {
    }

    /** An automation to explain the event against. */
    public record AutomationChoice(String id, String name) {
    }

    private static final int AUTOMATION_CHOICES = 200;

    private static final int NOT_FOUND = 404;
    private static final String RESOURCE_ID = "prefect.resource.id";
    private static final String RESOURCE_ROLE = "prefect.resource.role";

    private final ApiClient api;
    private final CurrentSession session;
    private final EventCounts counts;
    private final AutomationDetailPage detailPage;
    private final Clock clock = Clock.systemUTC();

    public EventsResource(ApiClient api, CurrentSession session, EventCounts counts, AutomationDetailPage detailPage) {
        this.api = api;
        this.session = session;
        this.counts = counts;
        this.detailPage = detailPage;
    }

    @GET
    public Uni<Response> page(@QueryParam("prefix") String prefix, @QueryParam("resource") String resource,
                              @QueryParam("labels") String labels, @QueryParam("range") String range,
                              @QueryParam("paused") boolean paused) {
        Session user = session.require();
        String name = clean(prefix);
        String resourceId = clean(resource);
        LabelFilter labelFilter = LabelFilter.parse(labels);
        TimeRange window = TimeRange.of(range, DEFAULT_RANGE);
        Instant now = clock.instant();
        Instant since = now.minus(window.length());
        ObjectNode filter = filter(name, resourceId, labelFilter);
        String query = query(name, resourceId, labelFilter, window);
        String feedUrl = "/events/feed" + (query.isEmpty() ? "" : "?" + query);
        String pauseUrl = paused ? "/events" + (query.isEmpty() ? "" : "?" + query)
                : "/events?" + (query.isEmpty() ? "" : query + "&") + "paused=true";
        return Uni.combine().all().unis(recent(user, filter, since), counts.count(user, filter, since, now))
                .asTuple().map(both -> Pages.html(Templates.page(name, resourceId,
                        labelFilter.problems().isEmpty() ? labelFilter.text() : clean(labels), labelFilter.problems(),
                        window.key(), TimeRange.ALL, paused, feedUrl, pauseUrl,
                        TimelineChart.render("events-chart", since, now, both.getItem2(), List.of(), false),
                        both.getItem1())));
    }

    /** The newest events alone: the fragment the page polls. */
    @GET
    @Path("feed")
    public Uni<Response> feed(@QueryParam("prefix") String prefix, @QueryParam("resource") String resource,
                              @QueryParam("labels") String labels, @QueryParam("range") String range) {
        Session user = session.require();
        Instant since = clock.instant().minus(TimeRange.of(range, DEFAULT_RANGE).length());
        return recent(user, filter(clean(prefix), clean(resource), LabelFilter.parse(labels)), since)
                .map(events -> Pages.html(Templates.feed(events)));
    }

    /** One stored event: its raw JSON, its related resources, and a form to explain it against an automation. */
    @GET
    @Path("{id}")
    public Uni<Response> detail(@PathParam("id") UUID id) {
        Session user = session.require();
        ObjectNode byId = JsonNodeFactory.instance.objectNode();
        byId.putObject("filter").putObject("id").putArray("id").add(id.toString());
        byId.put("limit", 1);
        ObjectNode names = JsonNodeFactory.instance.objectNode().put("sort", "NAME_ASC").put("limit", AUTOMATION_CHOICES);
        return Uni.combine().all()
                .unis(api.post(user, VigilService.INGEST, "/events/filter", byId),
                        api.post(user, VigilService.EVALUATOR, "/automations/filter", names))
                .asTuple().map(both -> {
                    JsonNode events = both.getItem1().orFail("reading the event").body().path("events");
                    if (events.isEmpty()) {
                        throw new ApiFailureException("reading the event", NOT_FOUND, "No stored event with id " + id);
                    }
                    JsonNode event = events.get(0);
                    List<RelatedRow> related = new ArrayList<>();
                    for (JsonNode resource : event.path("related")) {
                        List<String> labels = new ArrayList<>();
                        resource.fields().forEachRemaining(label -> {
                            if (!label.getKey().equals(RESOURCE_ID) && !label.getKey().equals(RESOURCE_ROLE)) {
                                labels.add(label.getKey() + "=" + label.getValue().asText());
                            }
                        });
                        related.add(new RelatedRow(resource.path(RESOURCE_ROLE).asText(""),
                                resource.path(RESOURCE_ID).asText(""), String.join(", ", labels)));
                    }
                    List<AutomationChoice> automations = new ArrayList<>();
                    both.getItem2().orFail("listing automations").body().forEach(a -> automations.add(
                            new AutomationChoice(a.path("id").asText(), a.path("name").asText())));
                    return Pages.html(Templates.detail(EventRow.of(event), related, automations));
                });
    }

    /** "Explain against an automation": the automation's page with this stored event explained. */
    @POST
    @Path("{id}/explain")
    public Uni<Response> explain(@PathParam("id") UUID id, @RestForm String csrf,
                                 @RestForm("automation_id") String automationId) {
        Session user = session.requireForm(csrf);
        UUID automation;
        try {
            automation = UUID.fromString(automationId == null ? "" : automationId.trim());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Pages.seeOther("/events/" + id));
        }
        return detailPage.explain(user, automation, null, id.toString());
    }

    private Uni<List<EventRow>> recent(Session user, ObjectNode filter, Instant since) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode inRange = filter.deepCopy();
        inRange.putObject("occurred").put("since", since.toString());
        body.set("filter", inRange);
        body.put("limit", FEED_SIZE);
        return api.post(user, VigilService.INGEST, "/events/filter", body).map(answer -> {
            List<EventRow> rows = new ArrayList<>();
            for (JsonNode event : answer.orFail("reading events").body().path("events")) {
                rows.add(EventRow.of(event));
            }
            return rows;
        });
    }

    private static ObjectNode filter(String prefix, String resource, LabelFilter labels) {
        ObjectNode filter = JsonNodeFactory.instance.objectNode();
        if (!prefix.isEmpty()) {
            filter.putObject("event").putArray("prefix").add(prefix);
        }
        if (!resource.isEmpty() || !labels.isEmpty()) {
            ObjectNode criteria = filter.putObject("resource");
            if (!resource.isEmpty()) {
                criteria.putArray("id_prefix").add(resource);
            }
            if (!labels.isEmpty()) {
                criteria.set("labels", labels.toJson());
            }
        }
        return filter;
    }

    private static String query(String prefix, String resource, LabelFilter labels, TimeRange range) {
        List<String> parts = new ArrayList<>();
        if (!prefix.isEmpty()) {
            parts.add("prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
        }
        if (!resource.isEmpty()) {
            parts.add("resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8));
        }
        if (!labels.isEmpty()) {
            parts.add("labels=" + URLEncoder.encode(labels.text(), StandardCharsets.UTF_8));
        }
        if (range != DEFAULT_RANGE) {
            parts.add("range=" + range.key());
        }
        return String.join("&", parts);
    }

    private static String clean(String value) {
        return value == null ? "" : value.trim();
    }
}
