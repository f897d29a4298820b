package dev.vigil.console.incident;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.VigilService;
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
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/** Incidents, newest first, and resolving an open one. */
@Path("/incidents")
public class IncidentsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<IncidentRow> incidents);
    }

    private final ApiClient api;
    private final CurrentSession session;

    public IncidentsResource(ApiClient api, CurrentSession session) {
        this.api = api;
        this.session = session;
    }

    @GET
    public Uni<Response> list() {
        Session user = session.require();
        return api.get(user, VigilService.ACTUATOR, "/incidents").map(answer -> {
            List<IncidentRow> rows = new ArrayList<>();
            for (JsonNode incident : answer.orFail("listing incidents").body()) {
                rows.add(new IncidentRow(incident.path("id").asText(), incident.path("created").asText(),
                        incident.path("title").asText(), incident.path("severity").asText(""),
                        incident.path("status").asText(), incident.path("automation_name").asText("")));
            }
            return Pages.html(Templates.list(rows));
        });
    }

    @POST
    @Path("{id}/resolve")
    public Uni<Response> resolve(@PathParam("id") UUID id, @RestForm String csrf) {
        Session user = session.requireForm(csrf);
        return api.patch(user, VigilService.ACTUATOR, "/incidents/" + id, Map.of("status", "resolved")).map(answer -> {
            answer.orFail("resolving the incident");
            return Pages.seeOther("/incidents");
        });
    }
}
