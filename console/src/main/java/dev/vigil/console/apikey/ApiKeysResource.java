package dev.vigil.console.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.ApiResponse;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The workspace's API keys (admin keys only: the API answers 403 to others, shown as such). A new key is
 * shown once, on the page that answers its creation, as the API returns it once; it is never stored here.
 */
@Path("/api-keys")
public class ApiKeysResource {

    private static final int FORBIDDEN = 403;
    private static final List<String> ROLES = List.of("read", "write", "events", "admin");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ApiKeyRow> keys, boolean allowed, List<String> roles,
                                            String newKey, String error);
    }

    private final ApiClient api;
    private final CurrentSession session;

    public ApiKeysResource(ApiClient api, CurrentSession session) {
        this.api = api;
        this.session = session;
    }

    @GET
    public Uni<Response> list() {
        return page(session.require(), "", "");
    }

    @POST
    public Uni<Response> create(@RestForm String csrf, @RestForm String name, @RestForm String role) {
        Session user = session.requireForm(csrf);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name == null ? "" : name.trim());
        body.put("role", ROLES.contains(role) ? role : "read");
        return api.post(user, VigilService.EVALUATOR, "/api_keys", body).chain(answer -> {
            if (answer.status() == ApiResponse.UNPROCESSABLE) {
                return page(user, "", String.join("; ", answer.fieldErrors().stream()
                        .map(e -> e.path() + ": " + e.message()).toList()));
            }
            return page(user, answer.orFail("creating the key").body().path("key").asText(), "");
        });
    }

    @POST
    @Path("{id}/revoke")
    public Uni<Response> revoke(@PathParam("id") UUID id, @RestForm String csrf) {
        Session user = session.requireForm(csrf);
        return api.delete(user, VigilService.EVALUATOR, "/api_keys/" + id).map(answer -> {
            answer.orFail("revoking the key");
            return Pages.seeOther("/api-keys");
        });
    }

    private Uni<Response> page(Session user, String newKey, String error) {
        return api.get(user, VigilService.EVALUATOR, "/api_keys").map(answer -> {
            if (answer.status() == FORBIDDEN) {
                return Pages.html(FORBIDDEN, Templates.list(List.of(), false, ROLES, "", ""));
            }
            List<ApiKeyRow> keys = new ArrayList<>();
            for (JsonNode key : answer.orFail("listing API keys").body()) {
                keys.add(new ApiKeyRow(key.path("id").asText(), key.path("name").asText(), key.path("role").asText(),
                        key.path("created").asText(), key.path("expires").asText("")));
            }
            return Pages.html(Templates.list(keys, true, ROLES, newKey, error));
        });
    }
}
