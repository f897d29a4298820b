package dev.vigil.console.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.config.ConsoleConfig;
import dev.vigil.console.session.CurrentSession;
import dev.vigil.console.session.Session;
import dev.vigil.console.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/** The delivery log (filter by automation and status, pages), and redelivery of a dead letter. */
@Path("/deliveries")
public class DeliveriesResource {

    private static final Set<String> STATUSES = Set.of("running", "succeeded", "failed");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ExecutionRow> executions, String automationId, String status,
                                            int page, String previous, String next, String message);

        static native TemplateInstance execution(ExecutionRow execution, List<AttemptRow> attempts);
    }

    private final ApiClient api;
    private final CurrentSession session;
    private final int pageSize;

    public DeliveriesResource(ApiClient api, CurrentSession session, ConsoleConfig config) {
        this.api = api;
        this.session = session;
        this.pageSize = config.pageSize();
    }

    @GET
    public Uni<Response> list(@QueryParam("automation_id") String automationId, @QueryParam("status") String status,
                              @QueryParam("page") Integer page, @QueryParam("message") String message) {
        Session user = session.require();
        String automation = validUuid(automationId);
        String state = status != null && STATUSES.contains(status) ? status : "";
        int number = page == null || page < 1 ? 1 : page;
        StringBuilder query = new StringBuilder();
        if (!automation.isEmpty()) {
            query.append("&automation_id=").append(automation);
        }
        if (!state.isEmpty()) {
            query.append("&status=").append(state);
        }
        String path = "/actions/executions?limit=" + (pageSize + 1) + "&offset=" + (number - 1) * pageSize + query;
        return api.get(user, VigilService.ACTUATOR, path).map(answer -> {
            List<ExecutionRow> rows = new ArrayList<>();
            for (JsonNode execution : answer.orFail("reading the delivery log").body()) {
                rows.add(ExecutionRow.of(execution));
            }
            boolean more = rows.size() > pageSize;
            List<ExecutionRow> shown = more ? rows.subList(0, pageSize) : rows;
            String base = "/deliveries?" + (query.isEmpty() ? "" : query.substring(1) + "&") + "page=";
            return Pages.html(Templates.list(shown, automation, state, number,
                    number > 1 ? base + (number - 1) : "", more ? base + (number + 1) : "",
                    message == null ? "" : message));
        });
    }

    /** One execution: every attempt in order (its generation counts redeliveries), and redeliver if it failed. */
    @GET
    @Path("{id}")
    public Uni<Response> execution(@PathParam("id") UUID id) {
        Session user = session.require();
        return api.get(user, VigilService.ACTUATOR, "/actions/executions/" + id).map(answer -> {
            JsonNode execution = answer.orFail("reading the execution").body();
            List<AttemptRow> attempts = new ArrayList<>();
            execution.path("attempts").forEach(a -> attempts.add(AttemptRow.of(a)));
            return Pages.html(Templates.execution(ExecutionRow.of(execution), attempts));
        });
    }

    @POST
    @Path("{id}/redeliver")
    public Uni<Response> redeliver(@PathParam("id") UUID id, @RestForm String csrf) {
        Session user = session.requireForm(csrf);
        return api.post(user, VigilService.ACTUATOR, "/actions/executions/" + id + "/redeliver", null).map(answer -> {
            String message = answer.ok() ? "redelivered" : "refused";
            return Pages.seeOther("/deliveries?message=" + message);
        });
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
