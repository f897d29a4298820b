package dev.vigil.console.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.chart.AttemptsChart;
import dev.vigil.console.config.ConsoleConfig;
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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The delivery log (filter by automation, status and time range, pages), the dead letters (the failed
 * executions, which can be redelivered) as a page of their own, one execution's attempts as a table and a
 * timeline, and redelivery.
 */
@Path("/deliveries")
public class DeliveriesResource {

    private static final Set<String> STATUSES = Set.of("running", "succeeded", "failed");
    private static final String FAILED = "failed";
    private static final String DEAD_LETTERS = "/deliveries/dead-letters";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ExecutionRow> executions, String automationId, String status,
                                            String range, List<TimeRange> ranges, boolean deadLetters,
                                            int page, String previous, String next, String message);

        static native TemplateInstance execution(ExecutionRow execution, List<AttemptRow> attempts, RawString chart,
                                                 String message);
    }

    private final ApiClient api;
    private final CurrentSession session;
    private final int pageSize;
    private final Clock clock = Clock.systemUTC();

    public DeliveriesResource(ApiClient api, CurrentSession session, ConsoleConfig config) {
        this.api = api;
        this.session = session;
        this.pageSize = config.pageSize();
    }

    @GET
    public Uni<Response> list(@QueryParam("automation_id") String automationId, @QueryParam("status") String status,
                              @QueryParam("range") String range, @QueryParam("page") Integer page,
                              @QueryParam("message") String message) {
        String state = status != null && STATUSES.contains(status) ? status : "";
        return page(session.require(), automationId, state, range, page, message, false);
    }

    /** The dead letters: failed executions, newest first, each with a redeliver button. */
    @GET
    @Path("dead-letters")
    public Uni<Response> deadLetters(@QueryParam("automation_id") String automationId,
                                     @QueryParam("range") String range, @QueryParam("page") Integer page,
                                     @QueryParam("message") String message) {
        return page(session.require(), automationId, FAILED, range, page, message, true);
    }

    private Uni<Response> page(Session user, String automationId, String state, String rangeKey, Integer page,
                               String message, boolean deadLetters) {
        String automation = validUuid(automationId);
        TimeRange range = TimeRange.of(rangeKey, null);
        int number = page == null || page < 1 ? 1 : page;
        List<String> shown = new ArrayList<>();
        StringBuilder filter = new StringBuilder();
        if (!automation.isEmpty()) {
            shown.add("automation_id=" + automation);
            filter.append("&automation_id=").append(automation);
        }
        if (!state.isEmpty()) {
            if (!deadLetters) {
                shown.add("status=" + state);
            }
            filter.append("&status=").append(state);
        }
        if (range != null) {
            shown.add("range=" + range.key());
            Instant since = clock.instant().minus(range.length());
            filter.append("&since=").append(URLEncoder.encode(since.toString(), StandardCharsets.UTF_8));
        }
        String path = "/actions/executions?limit=" + (pageSize + 1) + "&offset=" + (number - 1) * pageSize + filter;
        return api.get(user, VigilService.ACTUATOR, path).map(answer -> {
            List<ExecutionRow> rows = new ArrayList<>();
            for (JsonNode execution : answer.orFail("reading the delivery log").body()) {
                rows.add(ExecutionRow.of(execution));
            }
            boolean more = rows.size() > pageSize;
            List<ExecutionRow> page1 = more ? rows.subList(0, pageSize) : rows;
            String base = (deadLetters ? DEAD_LETTERS : "/deliveries") + "?"
                    + (shown.isEmpty() ? "" : String.join("&", shown) + "&") + "page=";
            return Pages.html(Templates.list(page1, automation, state, range == null ? "" : range.key(),
                    TimeRange.ALL, deadLetters, number,
                    number > 1 ? base + (number - 1) : "", more ? base + (number + 1) : "",
                    message == null ? "" : message));
        });
    }

    /** One execution: every attempt in order (its generation counts redeliveries) on a timeline, and redeliver. */
    @GET
    @Path("{id}")
    public Uni<Response> execution(@PathParam("id") UUID id, @QueryParam("message") String message) {
        Session user = session.require();
        return api.get(user, VigilService.ACTUATOR, "/actions/executions/" + id).map(answer -> {
            JsonNode execution = answer.orFail("reading the execution").body();
            List<AttemptRow> attempts = new ArrayList<>();
            execution.path("attempts").forEach(a -> attempts.add(AttemptRow.of(a)));
            return Pages.html(Templates.execution(ExecutionRow.of(execution), attempts,
                    AttemptsChart.render("attempts-chart", bars(attempts)), message == null ? "" : message));
        });
    }

    /** Redelivers a dead letter, then goes back to the page the form was on (only these three). */
    @POST
    @Path("{id}/redeliver")
    public Uni<Response> redeliver(@PathParam("id") UUID id, @RestForm String csrf, @RestForm String from) {
        Session user = session.requireForm(csrf);
        return api.post(user, VigilService.ACTUATOR, "/actions/executions/" + id + "/redeliver", null).map(answer -> {
            String message = answer.ok() ? "redelivered" : "refused";
            String back = switch (from == null ? "" : from) {
                case "dead-letters" -> DEAD_LETTERS + "?message=";
                case "execution" -> "/deliveries/" + id + "?message=";
                default -> "/deliveries?message=";
            };
            return Pages.seeOther(back + message);
        });
    }

    static List<AttemptsChart.Bar> bars(List<AttemptRow> attempts) {
        List<AttemptsChart.Bar> bars = new ArrayList<>();
        for (AttemptRow attempt : attempts) {
            try {
                bars.add(new AttemptsChart.Bar(attempt.attempt(), attempt.generation(),
                        OffsetDateTime.parse(attempt.started()).toInstant(), attempt.durationMs(), attempt.outcome(),
                        attempt.statusCode()));
            } catch (DateTimeParseException e) {
                // an attempt without a readable start stays in the table only
            }
        }
        return bars;
    }

    private static String validUuid(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        try {
            return UUID.fromString(value.trim()).toString();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
