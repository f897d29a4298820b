package dev.vigil.console.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.ApiFailureException;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Creating and editing blocks: a form per block type built from its schema (the actuator's
 * {@code /block_types/slug/{slug}} and a block's own {@code block_schema}). Secrets are write-only: the form
 * never shows them, and one left empty keeps the stored value. The API's 422 is shown by field.
 */
@Path("/blocks")
public class BlockFormsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance types(List<BlockTypeChoice> types);

        static native TemplateInstance form(String id, String type, String typeName, String name,
                                            List<BlockFieldInput> fields, List<FieldError> errors);
    }

    /** A block type to create a block of. */
    public record BlockTypeChoice(String slug, String name, String description) {
    }

    private final ApiClient api;
    private final CurrentSession session;

    public BlockFormsResource(ApiClient api, CurrentSession session) {
        this.api = api;
        this.session = session;
    }

    /** Without {@code type}: the block types to choose from; with it, the empty form of that type. */
    @GET
    @Path("new")
    public Uni<Response> newBlock(@QueryParam("type") String type) {
        Session user = session.require();
        if (type == null || type.isBlank()) {
            return api.get(user, VigilService.ACTUATOR, "/block_types").map(answer -> {
                List<BlockTypeChoice> types = new ArrayList<>();
                answer.orFail("listing block types").body().forEach(t -> types.add(new BlockTypeChoice(
                        t.path("slug").asText(), t.path("name").asText(), t.path("description").asText(""))));
                return Pages.html(Templates.types(types));
            });
        }
        return blockType(user, type).map(t -> Pages.html(Templates.form("", t.path("slug").asText(),
                t.path("name").asText(), "", BlockForm.inputs(t.path("block_schema").path("fields"),
                        JsonNodeFactory.instance.objectNode()), List.of())));
    }

    @POST
    @Path("new")
    public Uni<Response> create(@RestForm String csrf, @RestForm String type, @RestForm String name,
                                @RestForm("field") List<String> fields, @RestForm("value") List<String> values) {
        Session user = session.requireForm(csrf);
        String blockName = name == null ? "" : name.trim();
        return blockType(user, type == null ? "" : type).chain(t -> {
            List<BlockFieldInput> inputs = BlockForm.inputs(t.path("block_schema").path("fields"),
                    JsonNodeFactory.instance.objectNode());
            BlockForm.Parsed parsed = BlockForm.parse(inputs, fields, values);
            List<FieldError> errors = new ArrayList<>(parsed.errors());
            if (blockName.isEmpty()) {
                errors.add(0, new FieldError("name", "Field required"));
            }
            if (!errors.isEmpty()) {
                return Uni.createFrom().item(refused("", t, blockName, inputs, fields, values, errors));
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", blockName)
                    .put("block_type_slug", t.path("slug").asText());
            body.set("data", parsed.data());
            return api.post(user, VigilService.ACTUATOR, "/block_documents/", body).map(answer -> {
                if (answer.ok()) {
                    return Pages.seeOther("/blocks?message=" + encode("Block " + blockName + " created"));
                }
                return refusedByApi(answer, "", t, blockName, inputs, fields, values, "creating the block");
            });
        });
    }

    @GET
    @Path("{id}/edit")
    public Uni<Response> edit(@PathParam("id") UUID id) {
        Session user = session.require();
        return block(user, id).map(block -> Pages.html(Templates.form(id.toString(), block.path("block_type_slug")
                        .asText(), block.path("block_type_name").asText(), block.path("name").asText(),
                BlockForm.inputs(block.path("block_schema").path("fields"), block.path("data")), List.of())));
    }

    /** Replaces the block's data with the form's (Prefect's PATCH without merging); an empty secret stays as stored. */
    @POST
    @Path("{id}/edit")
    public Uni<Response> save(@PathParam("id") UUID id, @RestForm String csrf,
                              @RestForm("field") List<String> fields, @RestForm("value") List<String> values) {
        Session user = session.requireForm(csrf);
        return block(user, id).chain(block -> {
            JsonNode type = typeOf(block);
            String blockName = block.path("name").asText();
            List<BlockFieldInput> inputs = BlockForm.inputs(block.path("block_schema").path("fields"),
                    block.path("data"));
            BlockForm.Parsed parsed = BlockForm.parse(inputs, fields, values);
            if (!parsed.errors().isEmpty()) {
                return Uni.createFrom().item(refused(id.toString(), type, blockName, inputs, fields, values,
                        parsed.errors()));
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("merge_existing_data", false);
            body.set("data", parsed.data());
            return api.patch(user, VigilService.ACTUATOR, "/block_documents/" + id, body).map(answer -> {
                if (answer.ok()) {
                    return Pages.seeOther("/blocks?message=" + encode("Block " + blockName + " saved"));
                }
                return refusedByApi(answer, id.toString(), type, blockName, inputs, fields, values,
                        "saving the block");
            });
        });
    }

    private Uni<JsonNode> blockType(Session user, String slug) {
        String clean = slug.trim();
        if (!clean.matches("[a-z0-9-]{1,100}")) {
            return Uni.createFrom().item(() -> {
                throw new ApiFailureException("reading the block type", ApiResponse.NOT_FOUND,
                        "No block type '" + clean + "'");
            });
        }
        return api.get(user, VigilService.ACTUATOR, "/block_types/slug/" + clean)
                .map(answer -> answer.orFail("reading the block type").body());
    }

    private Uni<JsonNode> block(Session user, UUID id) {
        return api.get(user, VigilService.ACTUATOR, "/block_documents/" + id)
                .map(answer -> answer.orFail("reading the block").body());
    }

    /** A block's type as the form needs it: slug, name and schema. */
    private static JsonNode typeOf(JsonNode block) {
        ObjectNode type = JsonNodeFactory.instance.objectNode()
                .put("slug", block.path("block_type_slug").asText())
                .put("name", block.path("block_type_name").asText());
        type.set("block_schema", block.path("block_schema"));
        return type;
    }

    private static Response refused(String id, JsonNode type, String name, List<BlockFieldInput> inputs,
                                    List<String> fields, List<String> values, List<FieldError> errors) {
        return Pages.html(ApiResponse.UNPROCESSABLE, Templates.form(id, type.path("slug").asText(),
                type.path("name").asText(), name, BlockForm.resubmitted(inputs, fields, values), errors));
    }

    private static Response refusedByApi(ApiResponse answer, String id, JsonNode type, String name,
                                         List<BlockFieldInput> inputs, List<String> fields, List<String> values,
                                         String what) {
        if (answer.status() != ApiResponse.UNPROCESSABLE && answer.status() != ApiResponse.CONFLICT) {
            answer.orFail(what);
        }
        List<FieldError> errors = new ArrayList<>();
        for (FieldError error : answer.fieldErrors()) {
            errors.add(new FieldError(error.path().replaceFirst("^data\\.", ""), error.message()));
        }
        return refused(id, type, name, inputs, fields, values, errors);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
