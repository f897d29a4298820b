package dev.vigil.console.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.ApiResponse;
import dev.vigil.console.api.ApiResponse.FieldError;
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
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Creating and editing incoming webhooks (ingest's {@code /webhooks}): name, description, on/off, the event
 * template, and the signature check. The signature secret is write-only: never shown, and left empty on an edit
 * it keeps the stored one (ingest keeps it when a signature comes without a secret).
 */
@Path("/blocks")
public class WebhookFormsResource {

    /** The signature schemes ingest verifies (its {@code SignatureScheme}). */
    static final List<String> SCHEMES = List.of("hmac-sha256", "github", "stripe", "standard-webhooks");

    static final String SAMPLE_TEMPLATE = """
            {
              "event": "webhook.called",
              "resource": {"prefect.resource.id": "webhook.{{ body.id }}"},
              "payload": {"body": {{ body | tojson }}}
            }""";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String id, WebhookDraft webhook, boolean secretStored,
                                            List<String> schemes, List<FieldError> errors);
    }

    /** What the form holds (never a secret). */
    public record WebhookDraft(String name, String description, boolean enabled, String template, String scheme,
                               String header) {
    }

    private final ApiClient api;
    private final CurrentSession session;

    public WebhookFormsResource(ApiClient api, CurrentSession session) {
        this.api = api;
        this.session = session;
    }

    @GET
    @Path("webhooks/new")
    public Response newWebhook() {
        session.require();
        return Pages.html(Templates.form("", new WebhookDraft("", "", true, SAMPLE_TEMPLATE, "", ""), false,
                SCHEMES, List.of()));
    }

    @POST
    @Path("webhooks/new")
    public Uni<Response> create(@RestForm String csrf, @RestForm String name, @RestForm String description,
                                @RestForm String enabled, @RestForm String template, @RestForm String scheme,
                                @RestForm String secret, @RestForm String header) {
        Session user = session.requireForm(csrf);
        WebhookDraft draft = draft(name, description, enabled, template, scheme, header);
        return api.post(user, VigilService.INGEST, "/webhooks", body(draft, secret)).map(answer -> {
            if (answer.ok()) {
                return Pages.seeOther("/blocks/webhooks/" + answer.body().path("id").asText());
            }
            return refused(answer, "", draft, false, "creating the webhook");
        });
    }

    @GET
    @Path("webhooks/{id}/edit")
    public Uni<Response> edit(@PathParam("id") UUID id) {
        Session user = session.require();
        return api.get(user, VigilService.INGEST, "/webhooks/" + id).map(answer -> {
            JsonNode hook = answer.orFail("reading the webhook").body();
            JsonNode signature = hook.path("signature");
            WebhookDraft draft = new WebhookDraft(hook.path("name").asText(), hook.path("description").asText(""),
                    hook.path("enabled").asBoolean(true), hook.path("template").asText(""),
                    signature.path("scheme").asText(""), signature.path("header").asText(""));
            return Pages.html(Templates.form(id.toString(), draft, !draft.scheme().isEmpty(), SCHEMES, List.of()));
        });
    }

    /** Replaces the webhook's settings (its URL stays); an empty secret keeps the stored one. */
    @POST
    @Path("webhooks/{id}/edit")
    public Uni<Response> save(@PathParam("id") UUID id, @RestForm String csrf, @RestForm String name,
                              @RestForm String description, @RestForm String enabled, @RestForm String template,
                              @RestForm String scheme, @RestForm String secret, @RestForm String header,
                              @RestForm("secret_stored") String secretStored) {
        Session user = session.requireForm(csrf);
        WebhookDraft draft = draft(name, description, enabled, template, scheme, header);
        return api.put(user, VigilService.INGEST, "/webhooks/" + id, body(draft, secret)).map(answer -> {
            if (answer.ok()) {
                return Pages.seeOther("/blocks/webhooks/" + id);
            }
            return refused(answer, id.toString(), draft, "true".equals(secretStored), "saving the webhook");
        });
    }

    private static WebhookDraft draft(String name, String description, String enabled, String template,
                                      String scheme, String header) {
        String chosen = scheme != null && SCHEMES.contains(scheme) ? scheme : "";
        return new WebhookDraft(trim(name), trim(description), !"false".equals(enabled),
                template == null ? "" : template, chosen, trim(header));
    }

    static ObjectNode body(WebhookDraft draft, String secret) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", draft.name())
                .put("description", draft.description()).put("enabled", draft.enabled())
                .put("template", draft.template());
        if (!draft.scheme().isEmpty()) {
            ObjectNode signature = body.putObject("signature").put("scheme", draft.scheme());
            if (secret != null && !secret.isEmpty()) {
                signature.put("secret", secret);
            }
            if (!draft.header().isEmpty()) {
                signature.put("header", draft.header());
            }
        }
        return body;
    }

    private static Response refused(ApiResponse answer, String id, WebhookDraft draft, boolean secretStored,
                                    String what) {
        if (answer.status() != ApiResponse.UNPROCESSABLE) {
            answer.orFail(what);
        }
        return Pages.html(ApiResponse.UNPROCESSABLE, Templates.form(id, draft, secretStored, SCHEMES,
                answer.fieldErrors()));
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
