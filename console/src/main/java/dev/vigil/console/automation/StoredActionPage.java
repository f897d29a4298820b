package dev.vigil.console.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.ApiFailureException;
import dev.vigil.console.api.ApiResponse;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.automation.EditorTools.BlockChoice;
import dev.vigil.console.automation.action.ActionFormView;
import dev.vigil.console.automation.action.ActionInput;
import dev.vigil.console.automation.action.ActionKind;
import dev.vigil.console.automation.action.ActionKinds;
import dev.vigil.console.automation.action.ActionValues;
import dev.vigil.console.session.Session;
import dev.vigil.console.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One action of a stored automation through its type's form: the form filled in from the stored action, saved in
 * its place, or the action removed. Each save reads the automation again and refuses (409) when the place no longer
 * holds the action the form was opened on, rather than overwrite a change made meanwhile.
 */
@ApplicationScoped
public class StoredActionPage {

    static final int CONFLICT = 409;
    private static final String CHANGED_MEANWHILE = "The automation was saved by someone else while this change was"
            + " being made. Nothing was saved; open the automation again to see it as it is now.";
    private static final int NOT_FOUND = 404;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance action(String automationId, String automationName, String list, int index,
                                              String fingerprint, ActionFormView form, String problem);
    }

    private final ApiClient api;
    private final ActionEditor actions;

    public StoredActionPage(ApiClient api, ActionEditor actions) {
        this.api = api;
        this.actions = actions;
    }

    /** The action's form, filled in from the stored action. */
    public Uni<Response> form(Session user, UUID id, String list, int index) {
        return Uni.combine().all().unis(automation(user, id), actions.blocks(user)).asTuple().map(both -> {
            JsonNode automation = both.getItem1().body();
            JsonNode action = StoredActions.at(automation, list, index).orElseThrow(() -> noAction(list, index));
            ActionKind kind = kindOf(action, list, index);
            ActionFormView form = ActionFormView.of(kind, list, both.getItem2(), ActionValues.of(kind, action),
                    Map.of(), "");
            return Pages.html(Templates.action(id.toString(), automation.path("name").asText(), list, index,
                    StoredActions.fingerprint(action), form, ""));
        });
    }

    /**
     * Saves the posted form in the action's place: checked as the editor's form is (each field's problem beside
     * it, 422), and only while the place still holds the action the form was opened on (else 409, nothing saved).
     */
    public Uni<Response> replace(Session user, UUID id, String list, int index, String fingerprint,
                                 ActionInput input) {
        return Uni.combine().all().unis(automation(user, id), actions.blocks(user)).asTuple().chain(both -> {
            ApiResponse read = both.getItem1();
            JsonNode automation = read.body();
            List<BlockChoice> blocks = both.getItem2();
            String type = input.type == null ? "" : input.type.trim();
            if (ActionKinds.find(type).isEmpty()) {
                throw noAction(list, index); // else the form would read the input as another kind
            }
            String name = automation.path("name").asText();
            Optional<String> changed = StoredActions.changed(automation, list, index, type, fingerprint);
            if (changed.isPresent()) {
                return Uni.createFrom().item(Pages.html(CONFLICT, Templates.action(id.toString(), name, list, index,
                        "", null, changed.get())));
            }
            return actions.check(user, input, blocks).chain(checked -> {
                if (checked.action().isEmpty()) {
                    return Uni.createFrom().item(Pages.html(ApiResponse.UNPROCESSABLE, Templates.action(
                            id.toString(), name, list, index, fingerprint, checked.form(), "")));
                }
                ObjectNode definition = AutomationJson.definition(automation);
                ((ArrayNode) definition.get(list)).set(index, checked.action().get());
                return save(user, id, definition, read.etag()).map(saved -> switch (saved.outcome()) {
                    case SAVED -> Pages.seeOther("/automations/" + id);
                    case CHANGED_MEANWHILE -> Pages.html(CONFLICT, Templates.action(id.toString(), name, list, index,
                            "", null, CHANGED_MEANWHILE));
                    case REFUSED -> Pages.html(ApiResponse.UNPROCESSABLE, Templates.action(id.toString(), name, list,
                            index, fingerprint, checked.form().withProblem(saved.problem()), ""));
                });
            });
        });
    }

    /** Removes the action from its place, while the place still holds the action the page showed (else 409). */
    public Uni<Response> remove(Session user, UUID id, String list, int index, String type, String fingerprint) {
        return automation(user, id).chain(read -> {
            JsonNode automation = read.body();
            String shownType = type == null ? "" : type.trim();
            Optional<String> changed = StoredActions.changed(automation, list, index, shownType, fingerprint);
            if (changed.isPresent()) {
                return Uni.createFrom().item(Pages.html(CONFLICT, Templates.action(id.toString(),
                        automation.path("name").asText(), list, index, "", null, changed.get())));
            }
            ObjectNode definition = AutomationJson.definition(automation);
            ((ArrayNode) definition.get(list)).remove(index);
            String name = automation.path("name").asText();
            return save(user, id, definition, read.etag()).map(saved -> switch (saved.outcome()) {
                case SAVED -> Pages.seeOther("/automations/" + id);
                case CHANGED_MEANWHILE -> Pages.html(CONFLICT, Templates.action(id.toString(), name, list, index,
                        "", null, CHANGED_MEANWHILE));
                case REFUSED -> Pages.html(ApiResponse.UNPROCESSABLE, Templates.action(id.toString(), name, list,
                        index, "", null, "The API refused the automation without this action: " + saved.problem()));
            });
        });
    }

    private Uni<ApiResponse> automation(Session user, UUID id) {
        return api.get(user, VigilService.EVALUATOR, "/automations/" + id)
                .map(answer -> answer.orFail("reading the automation"));
    }

    /** What a save came to; {@code problem} is the API's complaints as one sentence when it was refused. */
    private record Saved(Outcome outcome, String problem) {
        enum Outcome { SAVED, CHANGED_MEANWHILE, REFUSED }
    }

    /**
     * PUTs the definition, only onto the version it was built from ({@code etag}, as read): the automation may
     * have changed between that read and this write.
     */
    private Uni<Saved> save(Session user, UUID id, ObjectNode definition, String etag) {
        return api.putIfMatch(user, VigilService.EVALUATOR, "/automations/" + id, definition, etag).map(answer -> {
            if (answer.ok()) {
                return new Saved(Saved.Outcome.SAVED, "");
            }
            if (answer.status() == ApiResponse.PRECONDITION_FAILED) {
                return new Saved(Saved.Outcome.CHANGED_MEANWHILE, "");
            }
            if (answer.status() != ApiResponse.UNPROCESSABLE) {
                answer.orFail("saving the automation");
            }
            return new Saved(Saved.Outcome.REFUSED, String.join("; ", answer.fieldErrors().stream()
                    .map(e -> e.path() + ": " + e.message()).toList()));
        });
    }

    private static ActionKind kindOf(JsonNode action, String list, int index) {
        return ActionKinds.find(action.path("type").asText("")).filter(k -> !k.fields().isEmpty())
                .orElseThrow(() -> new ApiFailureException("editing " + list + "." + index, NOT_FOUND,
                        "This action type has no fields to edit: edit the automation's document instead."));
    }

    private static ApiFailureException noAction(String list, int index) {
        return new ApiFailureException("editing " + list + "." + index, NOT_FOUND,
                "The automation has no action there, or not one of a type the form knows.");
    }
}
