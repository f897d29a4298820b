package dev.vigil.console.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.ApiClient;
import dev.vigil.console.api.ApiResponse;
import dev.vigil.console.api.ApiResponse.FieldError;
import dev.vigil.console.api.VigilService;
import dev.vigil.console.automation.EditorTools.BlockChoice;
import dev.vigil.console.automation.action.ActionFormView;
import dev.vigil.console.automation.action.ActionInput;
import dev.vigil.console.config.ConsoleConfig;
import dev.vigil.console.session.CurrentSession;
import dev.vigil.console.session.Session;
import dev.vigil.console.web.Pages;
import dev.vigil.console.web.Paging;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
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
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Every {@code /automations} page: the list (search in names, filter by tag, in pages), create and edit with the JSON
 * editor, the toggle, delete, and one automation's page with Explain and Backtest ({@link AutomationDetailPage}).
 * One class, so that {@code new} and {@code {id}} are told apart by one set of method paths.
 */
@Path("/automations")
public class AutomationsResource {

    private static final int CREATED = 201;
    private static final int BAD_REQUEST = 400;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<AutomationRow> automations, String name, String tag, Paging paging,
                                            String returnTo, String firingsQuery);

        static native TemplateInstance firings(List<FiringsRow> rows, boolean readable);

        static native TemplateInstance edit(String id, String version, String document, List<FieldError> errors,
                                            List<AutomationTemplates.Template> templates, String template,
                                            EditorTools tools);

        static native TemplateInstance check(List<String> problems);
    }

    private final ApiClient api;
    private final CurrentSession session;
    private final AutomationDetailPage detail;
    private final FiringCounts firings;
    private final DocumentCheck documents;
    private final ActionEditor actions;
    private final TemplatePreview previews;
    private final StoredActionPage storedActions;
    private final int pageSize;

    public AutomationsResource(ApiClient api, CurrentSession session, AutomationDetailPage detail,
                               FiringCounts firings, DocumentCheck documents, ActionEditor actions,
                               TemplatePreview previews, StoredActionPage storedActions, ConsoleConfig config) {
        this.api = api;
        this.session = session;
        this.detail = detail;
        this.firings = firings;
        this.documents = documents;
        this.actions = actions;
        this.previews = previews;
        this.storedActions = storedActions;
        this.pageSize = config.pageSize();
    }

    @GET
    public Uni<Response> list(@QueryParam("name") String name, @QueryParam("tag") String tag,
                              @QueryParam("page") Integer page) {
        Session user = session.require();
        String nameQuery = name == null ? "" : name.trim();
        String tagQuery = tag == null ? "" : tag.trim();
        int pageNumber = page == null || page < 1 ? 1 : page;
        ObjectNode criteria = JsonNodeFactory.instance.objectNode();
        if (!nameQuery.isEmpty()) {
            criteria.putObject("name").put("like_", nameQuery);
        }
        if (!tagQuery.isEmpty()) {
            criteria.putObject("tags").putArray("any_").add(tagQuery);
        }
        ObjectNode count = JsonNodeFactory.instance.objectNode();
        count.set("automations", criteria);
        ObjectNode filter = count.deepCopy();
        filter.put("sort", "NAME_ASC").put("limit", pageSize).put("offset", (pageNumber - 1) * pageSize);
        String returnTo = "/automations" + query(nameQuery, tagQuery, pageNumber);
        return Uni.combine().all()
                .unis(api.post(user, VigilService.EVALUATOR, "/automations/count", count),
                        api.post(user, VigilService.EVALUATOR, "/automations/filter", filter))
                .asTuple().map(both -> {
                    List<AutomationRow> automations = new ArrayList<>();
                    both.getItem2().orFail("listing automations").body()
                            .forEach(a -> automations.add(AutomationJson.row(a)));
                    long all = both.getItem1().orFail("counting automations").body().asLong();
                    Paging paging = Paging.of(pageNumber, pageSize, all, "/automations" + query(nameQuery, tagQuery, 0));
                    String firingsQuery = String.join("&", automations.stream()
                            .map(a -> "id=" + URLEncoder.encode(a.id(), StandardCharsets.UTF_8)).toList());
                    return Pages.html(Templates.list(automations, nameQuery, tagQuery, paging, returnTo,
                            firingsQuery));
                });
    }

    /** One row's firings as the fragment shows them; {@code firings} is null when they could not be read. */
    public record FiringsRow(String id, FiringCounts.Firings firings) {
    }

    /**
     * The list's firings over the last day (an htmx fragment the list loads after it is shown, so that the list
     * waits for one step of API calls): one out-of-band cell per listed automation. Only UUIDs are taken, at most a
     * page of them; the events API answers for the signed-in key's workspace alone.
     */
    @GET
    @Path("firings")
    public Uni<Response> firings(@QueryParam("id") List<String> ids) {
        Session user = session.require();
        List<String> wanted = ids == null ? List.of() : ids.stream().map(AutomationsResource::uuidText)
                .filter(id -> !id.isEmpty()).distinct().limit(pageSize).toList();
        return firings.of(user, wanted).map(counted -> Pages.html(Templates.firings(wanted.stream()
                .map(id -> new FiringsRow(id, counted.map(c -> c.getOrDefault(id, FiringCounts.Firings.NONE))
                        .orElse(null)))
                .toList(), counted.isPresent())));
    }

    @GET
    @Path("new")
    public Uni<Response> newForm(@QueryParam("template") String template) {
        Session user = session.require();
        AutomationTemplates.Template chosen = AutomationTemplates.find(template == null ? "custom" : template)
                .orElse(AutomationTemplates.ALL.get(0));
        return tools(user).map(tools -> Pages.html(Templates.edit("", "", AutomationTemplates.document(chosen), List.of(),
                AutomationTemplates.ALL, chosen.key(), tools)));
    }

    @POST
    @Path("new")
    public Uni<Response> create(@RestForm String csrf, @RestForm String document) {
        Session user = session.requireForm(csrf);
        String body = document == null ? "" : document;
        if (body.isBlank()) {
            return editAgain(user, "", "", body, List.of(new FieldError("(whole document)",
                    "The automation document is empty.")));
        }
        EditorDocument read = EditorDocument.read(body);
        if (!read.ok()) {
            return editAgain(user, "", "", body, List.of(new FieldError("(whole document)", read.problem())));
        }
        return api.post(user, VigilService.EVALUATOR, "/automations/", read.json()).chain(answer -> {
            if (answer.status() == CREATED) {
                return Uni.createFrom().item(Pages.seeOther("/automations/" + answer.body().path("id").asText()));
            }
            return refused(user, answer, "", "", body);
        });
    }

    /** The editor's check as you type (an htmx fragment): JSON syntax, then the action templates. */
    @POST
    @Path("check")
    public Uni<Response> check(@RestForm String csrf, @RestForm String document) {
        Session user = session.requireForm(csrf);
        return documents.check(user, document).map(problems -> Pages.html(Templates.check(problems)));
    }

    @GET
    @Path("{id}/edit")
    public Uni<Response> editForm(@PathParam("id") UUID id) {
        Session user = session.require();
        return Uni.combine().all().unis(api.get(user, VigilService.EVALUATOR, "/automations/" + id), tools(user))
                .asTuple().map(both -> {
                    ApiResponse read = both.getItem1().orFail("reading the automation");
                    JsonNode automation = read.body();
                    return Pages.html(Templates.edit(id.toString(), EditedVersion.of(read.etag()),
                            AutomationJson.pretty(AutomationJson.definition(automation)), List.of(), List.of(), "",
                            both.getItem2()));
                });
    }

    @POST
    @Path("{id}/edit")
    public Uni<Response> replace(@PathParam("id") UUID id, @RestForm String csrf, @RestForm String document,
                                 @RestForm String version) {
        Session user = session.requireForm(csrf);
        String body = document == null ? "" : document;
        String opened = EditedVersion.of(version);
        EditorDocument read = EditorDocument.read(body);
        if (!read.ok()) {
            return editAgain(user, id.toString(), opened, body,
                    List.of(new FieldError("(whole document)", read.problem())));
        }
        return api.putIfMatch(user, VigilService.EVALUATOR, "/automations/" + id, read.json(),
                EditedVersion.ifMatch(opened)).chain(answer -> {
            if (answer.ok()) {
                return Uni.createFrom().item(Pages.seeOther("/automations/" + id));
            }
            if (answer.status() == ApiResponse.PRECONDITION_FAILED) {
                return editAgain(ApiResponse.CONFLICT, user, id.toString(), opened, body,
                        List.of(new FieldError("(whole document)", EditedVersion.CHANGED_MEANWHILE)));
            }
            return refused(user, answer, id.toString(), opened, body);
        });
    }

    /** The action form for another action type (the document and the rest of the editor as they were). */
    @POST
    @Path("action-form")
    public Uni<Response> chooseAction(@RestForm String csrf, @RestForm String document,
                                      @RestForm("automation_id") String automationId, @RestForm String version,
                                      @RestForm("preview_event") String event, @BeanParam ActionInput action) {
        return withActionForm(csrf, automationId, version, event, (user, blocks) -> Uni.createFrom().item(
                ActionEditor.Outcome.shown(document == null ? "" : document,
                        ActionFormView.start(action.kind(), action.targetList(), blocks))));
    }

    /**
     * The action form's "add": the action it describes appended to the chosen list of the document, or the form
     * again with each field's problem (422).
     */
    @POST
    @Path("add-action")
    public Uni<Response> addAction(@RestForm String csrf, @RestForm String document,
                                   @RestForm("automation_id") String automationId, @RestForm String version,
                                   @RestForm("preview_event") String event, @BeanParam ActionInput action) {
        return withActionForm(csrf, automationId, version, event,
                (user, blocks) -> actions.add(user, document == null ? "" : document, action, blocks));
    }

    /**
     * What the action form's posts share: the form token, the automation being edited, the workspace's blocks, and
     * the editor shown again with the document and form {@code step} returns (422 when it did not take the form).
     */
    private Uni<Response> withActionForm(String csrf, String automationId, String version, String event,
                                         BiFunction<Session, List<BlockChoice>, Uni<ActionEditor.Outcome>> step) {
        Session user = session.requireForm(csrf);
        String id = editedId(automationId);
        return actions.blocks(user).chain(blocks -> step.apply(user, blocks).map(outcome -> {
            EditorTools tools = EditorTools.of(blocks, event == null ? TemplatePreview.SAMPLE_EVENT : event)
                    .withAction(outcome.form());
            int status = outcome.taken() ? Response.Status.OK.getStatusCode() : ApiResponse.UNPROCESSABLE;
            return Pages.html(status, Templates.edit(id, EditedVersion.of(version), outcome.document(), List.of(),
                    id.isEmpty() ? AutomationTemplates.ALL : List.of(), "", tools));
        }));
    }

    /** The template preview: the document's actions rendered against a pasted, sample or stored event. */
    @POST
    @Path("preview")
    public Uni<Response> preview(@RestForm String csrf, @RestForm String document,
                                 @RestForm("automation_id") String automationId, @RestForm String version,
                                 @RestForm("preview_event") String event,
                                 @RestForm("preview_event_id") String eventId, @BeanParam ActionInput action) {
        Session user = session.requireForm(csrf);
        String id = editedId(automationId);
        String text = document == null ? "" : document;
        return Uni.combine().all().unis(actions.blocks(user), previews.render(user, text, event, eventId))
                .asTuple().map(both -> {
                    EditorTools tools = EditorTools.of(both.getItem1(), event == null ? "" : event)
                            .withEvent(event == null ? "" : event, eventId == null ? "" : eventId.trim())
                            .with(both.getItem2().previews(), both.getItem2().problems())
                            .withAction(ActionFormView.asPosted(action, both.getItem1()));
                    return Pages.html(Templates.edit(id, EditedVersion.of(version), text, List.of(),
                            id.isEmpty() ? AutomationTemplates.ALL : List.of(), "", tools));
                });
    }

    /** The enabled toggle: PATCH {@code enabled}, then back to the page the form came from. */
    @POST
    @Path("{id}/enabled")
    public Uni<Response> setEnabled(@PathParam("id") UUID id, @RestForm String csrf, @RestForm String enabled,
                                    @RestForm("return_to") String returnTo) {
        Session user = session.requireForm(csrf);
        boolean on = "true".equals(enabled);
        return api.patch(user, VigilService.EVALUATOR, "/automations/" + id, Map.of("enabled", on))
                .map(answer -> {
                    answer.orFail(on ? "enabling the automation" : "disabling the automation");
                    return Pages.seeOther(safeReturn(returnTo, "/automations/" + id));
                });
    }

    @POST
    @Path("{id}/delete")
    public Uni<Response> delete(@PathParam("id") UUID id, @RestForm String csrf) {
        Session user = session.requireForm(csrf);
        return api.delete(user, VigilService.EVALUATOR, "/automations/" + id)
                .map(answer -> {
                    answer.orFail("deleting the automation");
                    return Pages.seeOther("/automations");
                });
    }

    @GET
    @Path("{id}")
    public Uni<Response> detail(@PathParam("id") UUID id) {
        return detail.show(session.require(), id);
    }

    /** Explain's picker of the newest stored events, which an automation's page loads after it is shown. */
    @GET
    @Path("recent-events")
    public Uni<Response> recentEvents() {
        return detail.recentEvents(session.require());
    }

    /** The live state panel, which the automation's page loads after it is shown. */
    @GET
    @Path("{id}/state")
    public Uni<Response> state(@PathParam("id") UUID id) {
        return detail.state(session.require(), id);
    }

    /** One stored action's form, filled in from it ({@code list}: actions, actions_on_trigger, actions_on_resolve). */
    @GET
    @Path("{id}/actions/{list}/{index}/edit")
    public Uni<Response> editActionForm(@PathParam("id") UUID id, @PathParam("list") String list,
                                        @PathParam("index") int index) {
        return storedActions.form(session.require(), id, list, index);
    }

    @POST
    @Path("{id}/actions/{list}/{index}/edit")
    public Uni<Response> editAction(@PathParam("id") UUID id, @PathParam("list") String list,
                                    @PathParam("index") int index, @RestForm String csrf,
                                    @RestForm String fingerprint, @BeanParam ActionInput action) {
        return storedActions.replace(session.requireForm(csrf), id, list, index, fingerprint, action);
    }

    @POST
    @Path("{id}/actions/{list}/{index}/remove")
    public Uni<Response> removeAction(@PathParam("id") UUID id, @PathParam("list") String list,
                                      @PathParam("index") int index, @RestForm String csrf,
                                      @RestForm("action_type") String type, @RestForm String fingerprint) {
        return storedActions.remove(session.requireForm(csrf), id, list, index, type, fingerprint);
    }

    @POST
    @Path("{id}/explain")
    public Uni<Response> explain(@PathParam("id") UUID id, @RestForm String csrf, @RestForm String event,
                                 @RestForm("event_id") String eventId) {
        return detail.explain(session.requireForm(csrf), id, event, eventId);
    }

    @POST
    @Path("{id}/backtest")
    public Uni<Response> backtest(@PathParam("id") UUID id, @RestForm String csrf, @RestForm String since,
                                  @RestForm String until) {
        return detail.backtest(session.requireForm(csrf), id, since, until);
    }

    /** The editor again, with the document as typed and the API's complaints (field path and message). */
    private Uni<Response> refused(Session user, ApiResponse answer, String id, String version, String document) {
        if (answer.status() == ApiResponse.UNPROCESSABLE || answer.status() == BAD_REQUEST) {
            return editAgain(user, id, version, document, answer.fieldErrors());
        }
        answer.orFail(id.isEmpty() ? "creating the automation" : "saving the automation");
        throw new IllegalStateException("unreachable");
    }

    private Uni<Response> editAgain(Session user, String id, String version, String document,
                                    List<FieldError> errors) {
        return editAgain(ApiResponse.UNPROCESSABLE, user, id, version, document, errors);
    }

    private Uni<Response> editAgain(int status, Session user, String id, String version, String document,
                                    List<FieldError> errors) {
        return tools(user).map(tools -> Pages.html(status, Templates.edit(id, version, document, errors,
                id.isEmpty() ? AutomationTemplates.ALL : List.of(), "", tools)));
    }

    private Uni<EditorTools> tools(Session user) {
        return actions.blocks(user).map(blocks -> EditorTools.of(blocks, TemplatePreview.SAMPLE_EVENT));
    }

    /** The automation being edited ({@code automation_id}), or "" for a new one; only a UUID is taken. */
    private static String editedId(String automationId) {
        return uuidText(automationId);
    }

    /** {@code text} as a UUID's canonical text, or "" when it is none. */
    private static String uuidText(String text) {
        try {
            return text == null || text.isBlank() ? "" : UUID.fromString(text.trim()).toString();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Only a path of this console (never another site) is a place to go back to. */
    static String safeReturn(String returnTo, String fallback) {
        if (returnTo != null && returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.contains("\\")) {
            return returnTo;
        }
        return fallback;
    }

    private static String query(String name, String tag, int page) {
        List<String> parts = new ArrayList<>();
        if (!name.isEmpty()) {
            parts.add("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        }
        if (!tag.isEmpty()) {
            parts.add("tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
        }
        if (page > 1) {
            parts.add("page=" + page);
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }
}
