package dev.vigil.console.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.session.CurrentSession;
import dev.vigil.console.session.Session;
import dev.vigil.console.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/** Blocks (the actuator's targets and credentials) and incoming webhooks, side by side. */
@Path("/blocks")
public class BlocksResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<BlockRow> blocks, List<WebhookRow> webhooks);
    }

    private final ApiClient api;
    private final CurrentSession session;

    public BlocksResource(ApiClient api, CurrentSession session) {
        this.api = api;
        this.session = session;
    }

    @GET
    public Uni<Response> list() {
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
                        webhooks.add(new WebhookRow(hook.path("id").asText(), hook.path("name").asText(),
                                hook.path("description").asText(""), hook.path("url").asText(),
                                hook.path("enabled").asBoolean()));
                    }
                    return Pages.html(Templates.list(blocks, webhooks));
                });
    }
}
