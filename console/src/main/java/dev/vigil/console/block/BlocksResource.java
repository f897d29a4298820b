package dev.vigil.console.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.session.CurrentSession;
import dev.vigil.console.session.Session;
import dev.vigil.console.web.Pages;
import dev.vigil.console.web.PrettyJson;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import dev.vigil.model.json.VigilJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Blocks (the actuator's targets and credentials) and incoming webhooks, side by side; one webhook's page
 * with its URL, rotation, request history and a test call.
 */
@Path("/blocks")
public class BlocksResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<BlockRow> blocks, List<WebhookRow> webhooks, String message);

        static native TemplateInstance webhook(WebhookRow webhook, String history, String testBody, String testOutcome);
    }

    private static final String SAMPLE_TEST_BODY = "{\n  \"hello\": \"world\"\n}";

    private final ApiClient api;
    private final CurrentSession session;
    private final ObjectMapper json = VigilJson.mapper();

    public BlocksResource(ApiClient api, CurrentSession session) {
        this.api = api;
        this.session = session;
    }

    @GET
    public Uni<Response> list(@QueryParam("message") String message) {
        Session user = session.require();
        return Uni.combine().all()
                .unis(api.post(user, VigilService.ACTUATOR, "/block_documents/filter", JsonNodeFactory.instance.objectNode()),
                        api.get(user, VigilService.INGEST, "/webhooks"))
                .asTuple().map(both -> {
                    List<BlockRow> blocks = new ArrayList<>();
                    for (JsonNode block : both.getItem1().orFail("listing blocks").body()) {
                        List<String> fields = new ArrayList<>();
                        block.path("data").fieldNames().forEachRemaining(fields::add);
                        String type = block.path("block_type").path("slug").asText(
                                block.path("block_type_name").asText(""));
                        blocks.add(new BlockRow(block.path("id").asText(), block.path("name").asText(), type,
                                String.join(", ", fields)));
                    }
                    List<WebhookRow> webhooks = new ArrayList<>();
                    for (JsonNode hook : both.getItem2().orFail("listing webhooks").body()) {
                        webhooks.add(webhookRow(hook));
                    }
                    return Pages.html(Templates.list(blocks, webhooks, message == null ? "" : message));
                });
    }

    /** One webhook: its URL (copy), rotate, its recent requests, and a test call that renders without emitting. */
    @GET
    @Path("webhooks/{id}")
    public Uni<Response> webhook(@PathParam("id") UUID id) {
        return webhookPage(session.require(), id, SAMPLE_TEST_BODY, "");
    }

    /** A new slug: the old URL stops working at once. */
    @POST
    @Path("webhooks/{id}/rotate")
    public Uni<Response> rotate(@PathParam("id") UUID id, @RestForm String csrf) {
        Session user = session.requireForm(csrf);
        return api.post(user, VigilService.INGEST, "/webhooks/" + id + "/rotate", null).map(answer -> {
            answer.orFail("rotating the webhook's URL");
            return Pages.seeOther("/blocks/webhooks/" + id);
        });
    }

    @POST
    @Path("webhooks/{id}/test")
    public Uni<Response> test(@PathParam("id") UUID id, @RestForm String csrf, @RestForm String body) {
        Session user = session.requireForm(csrf);
        String text = body == null ? "" : body;
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        ObjectNode supplied = request.putObject("request").put("method", "POST");
        try {
            supplied.set("body", json.readTree(text.isBlank() ? "null" : text));
        } catch (java.io.IOException e) {
            supplied.put("body", text);
        }
        return api.post(user, VigilService.INGEST, "/webhooks/" + id + "/test", request).chain(answer ->
                webhookPage(user, id, text, answer.ok() ? PrettyJson.of(answer.body()) : answer.fieldErrors().stream()
                        .map(e -> e.path() + ": " + e.message()).reduce((a, b) -> a + "\n" + b).orElse("")));
    }

    private Uni<Response> webhookPage(Session user, UUID id, String testBody, String testOutcome) {
        return Uni.combine().all()
                .unis(api.get(user, VigilService.INGEST, "/webhooks/" + id),
                        api.get(user, VigilService.INGEST, "/webhooks/" + id + "/requests"))
                .asTuple().map(both -> Pages.html(Templates.webhook(
                        webhookRow(both.getItem1().orFail("reading the webhook").body()),
                        both.getItem2().ok() ? PrettyJson.of(both.getItem2().body()) : "", testBody, testOutcome)));
    }

    private static WebhookRow webhookRow(JsonNode hook) {
        return new WebhookRow(hook.path("id").asText(), hook.path("name").asText(),
                hook.path("description").asText(""), hook.path("url").asText(), hook.path("enabled").asBoolean());
    }

}
